/**
 * Assembles the Worker's static assets: demo/ at the root, the widget bundle and its worklets beside it,
 * mirroring what the Node relay serves. `npm run build` must have produced dist/voice-interview.js.
 *
 *   tsx relay/edge-tools/build-edge-assets.ts [outDir]     (default dist/edge-assets)
 */
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFrameAncestors } from '../core/config';
import { demoPageHeaders } from '../core/page-headers';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_EDGE_ASSETS_DIR = join(repoRoot, 'dist', 'edge-assets');
export const WIDGET_BUNDLE = join(repoRoot, 'dist', 'voice-interview.js');

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Workers static assets take response headers from a `_headers` file: the demo page gets the same CSP,
 * nosniff and Referrer-Policy as on Node. `FRAME_ANCESTORS` is read when the assets are assembled.
 */
async function pageHeadersFile(html: string): Promise<string> {
  const headers = await demoPageHeaders(html, parseFrameAncestors(process.env.FRAME_ANCESTORS));
  const block = Object.entries(headers)
    .map(([name, value]) => `  ${name}: ${value}`)
    .join('\n');
  return `/\n${block}\n/index.html\n${block}\n`;
}

/**
 * Copies the demo page and the built widget into `outDir` (replacing it). Returns the files written. Tests that only
 * need the API may pass `placeholderWidget` to run before the widget is built; a deploy never does.
 */
export async function assembleEdgeAssets(
  outDir = DEFAULT_EDGE_ASSETS_DIR,
  options: { placeholderWidget?: boolean } = {},
): Promise<string[]> {
  const built = await exists(WIDGET_BUNDLE);
  if (!built && !options.placeholderWidget) {
    throw new Error(`${WIDGET_BUNDLE} is missing: run \`npm run build\` first`);
  }
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  // Only the page: the Node relay serves nothing else from demo/ either (no README, no stray files).
  const page = join(repoRoot, 'demo', 'index.html');
  if (await exists(page)) {
    await cp(page, join(outDir, 'index.html'));
    await writeFile(join(outDir, '_headers'), await pageHeadersFile(await readFile(page, 'utf8')));
  }
  const bundle = join(outDir, 'voice-interview.js');
  if (built) await cp(WIDGET_BUNDLE, bundle);
  else await writeFile(bundle, '// placeholder: the widget is not built yet (npm run build)\nexport {};\n');
  // The worklets for pages that self-host them under a strict CSP (`worklet-base-url`).
  const worklets = join(repoRoot, 'dist', 'voice-interview-worklets');
  const workletsOut = join(outDir, 'voice-interview-worklets');
  if (await exists(worklets)) await cp(worklets, workletsOut, { recursive: true });
  else {
    await mkdir(workletsOut, { recursive: true });
    for (const name of ['capture.worklet.js', 'playback.worklet.js']) {
      await writeFile(
        join(workletsOut, name),
        '// placeholder: the widget is not built yet (npm run build)\n',
      );
    }
  }
  const files = await readdir(outDir, { recursive: true });
  return files.sort();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? DEFAULT_EDGE_ASSETS_DIR);
  assembleEdgeAssets(outDir).then(
    (files) => process.stdout.write(`edge assets in ${outDir}: ${files.join(', ')}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
