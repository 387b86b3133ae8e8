/**
 * Last step of the ESM build (after `vite build --mode esm` and `tsc -p widget/tsconfig.types.json`):
 * copies the hand-written JSX typings next to the generated declarations, then checks that the build
 * imports in Node (no window, no document, no customElements) without throwing, as SSR needs.
 */
import { copyFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
copyFileSync(new URL('widget/src/jsx.d.ts', root), new URL('dist/esm/widget/src/jsx.d.ts', root));

const module = await import(new URL('dist/esm/widget/src/index.js', root).href);
if (typeof module.VoiceInterview !== 'function' || typeof module.defineVoiceInterview !== 'function') {
  throw new Error('dist/esm entry does not export VoiceInterview and defineVoiceInterview');
}
process.stdout.write('dist/esm: JSX typings copied; imports in Node without a DOM (SSR-safe)\n');
