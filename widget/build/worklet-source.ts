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

/**
 * Bundles one worklet into a standalone script. Both worklets in the folder are built together, with the
 * modules they share (the resampler, PCM helpers) split out; each script then starts with that shared code,
 * byte for byte the same in both, so the main bundle (which inlines both scripts) gzips the second copy to
 * almost nothing (−0.3 KB gzip, measured: docs/widget.md "Bundle size") while each worklet still loads on its own.
 */
export async function bundleWorklet(entry: string): Promise<string> {
  const entryPath = path.resolve(entry);
  const dir = path.dirname(entryPath);
  const entries = Object.keys(WORKLET_FILES).map((name) => path.join(dir, name));
  if (!entries.includes(entryPath)) entries.push(entryPath);
  const result = await build({
    entryPoints: entries,
    bundle: true,
    write: false,
    splitting: true,
    format: 'esm',
    outdir: '/worklets',
    chunkNames: 'shared-[hash]',
    minify: true,
    target: 'es2022',
    platform: 'browser',
    legalComments: 'none',
  });
  const byName = new Map(result.outputFiles.map((file) => [path.basename(file.path), file.text.trim()]));
  const own = byName.get(`${path.basename(entryPath, '.ts')}.js`);
  if (own === undefined) throw new Error(`esbuild produced no output for the worklet`);
  return standalone(own, byName);
}

/** One entry chunk plus the shared chunk it imports, as a single IIFE with no `import` or `export`. */
function standalone(entry: string, chunks: Map<string, string>): string {
  const IMPORT = /^import\{([^}]*)\}from"\.\/([^"]+)";/;
  const imported = IMPORT.exec(entry);
  if (!imported) {
    if (/\bimport\b|\bexport\b/.test(entry.slice(0, 40))) throw new Error('unexpected worklet chunk shape');
    return `"use strict";(()=>{${entry}})();\n`;
  }
  const [statement, specifiers = '', chunkFile = ''] = imported;
  const chunk = chunks.get(chunkFile);
  const exported = chunk === undefined ? null : /export\{([^}]*)\};?$/.exec(chunk);
  if (chunk === undefined || !exported) throw new Error(`worklet shared chunk ${chunkFile} not understood`);
  const asObject = (list: string, from: 0 | 1) =>
    list
      .split(',')
      .map((item) => item.split(' as '))
      .map((parts) =>
        parts.length === 1 ? parts[0] : from === 0 ? `${parts[1]}:${parts[0]}` : `${parts[0]}:${parts[1]}`,
      )
      .join(',');
  const shared = `${chunk.slice(0, exported.index)}return{${asObject(exported[1] ?? '', 0)}}`;
  return `"use strict";(()=>{const{${asObject(specifiers, 1)}}=(()=>{${shared}})();${entry.slice(statement.length)}})();\n`;
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
