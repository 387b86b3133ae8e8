/** `npx cem analyze --config widget/custom-elements-manifest.config.mjs` -> widget/custom-elements.json */
export default {
  globs: [
    'widget/src/voice-interview.ts',
    'widget/src/element-base.ts',
    'widget/src/events.ts',
    'widget/src/define.ts',
  ],
  outdir: 'widget',
  litelement: true,
  packagejson: false,
};
