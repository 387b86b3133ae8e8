/**
 * Build-time support for `import source from './x.worklet.ts?worklet'`: bundles the worklet and its imports
 * into one standalone, minified script and exposes it as a string module. Used by the Vite build (which also
 * emits the scripts as `dist/voice-interview-worklets/*.js` for self-hosting) and by the test runner's dev server.
 */
import path from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

export const WORKLET_QUERY = '?worklet';
/** Folder under dist/ for self-hosted worklets; the relay serves everything starting `/voice-interview`. */
export const WORKLET_DIR = 'voice-interview-worklets';

/** The names of the self-hostable worklet scripts, by source file. */
export const WORKLET_FILES: Record<string, string> = {
  'capture.worklet.ts': 'capture.worklet.js',
  'playback.worklet.ts': 'playback.worklet.js',
};

export async function bundleWorklet(entryPath: string): Promise<string> {
  const result = await build({
    entryPoints: [entryPath],
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    target: 'es2022',
    platform: 'browser',
    legalComments: 'none',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced no output for the worklet`);
  return output.text;
}

export function workletModule(code: string): string {
  return `export default ${JSON.stringify(code)};\n`;
}

/** Vite plugin: resolves `?worklet` imports and emits each worklet as a self-hostable file. */
export function viteWorkletPlugin(options: { emitFiles: boolean }): Plugin {
  return {
    name: 'voice-interview-worklet-source',
    async resolveId(source, importer) {
      if (!source.endsWith(WORKLET_QUERY) || !importer) return null;
      const file = path.resolve(path.dirname(importer), source.slice(0, -WORKLET_QUERY.length));
      return `${file}${WORKLET_QUERY}`;
    },
    async load(id) {
      if (!id.endsWith(WORKLET_QUERY)) return null;
      const file = id.slice(0, -WORKLET_QUERY.length);
      this.addWatchFile(file);
      const code = await bundleWorklet(file);
      const fileName = WORKLET_FILES[path.basename(file)];
      if (options.emitFiles && fileName) {
        this.emitFile({ type: 'asset', fileName: `${WORKLET_DIR}/${fileName}`, source: code });
      }
      return workletModule(code);
    },
  };
}
