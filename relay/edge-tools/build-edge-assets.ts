/**
 * Assembles the Worker's static assets: demo/ at the root, the widget bundle and its worklets beside it,
 * mirroring what the Node relay serves. `npm run build` must have produced dist/voice-interview.js.
 *
 *   tsx relay/edge-tools/build-edge-assets.ts [outDir]     (default dist/edge-assets)
 */
import { cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
 * Copies demo/ and the built widget into `outDir` (replacing it). Returns the files written. Tests that only
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
  const demo = join(repoRoot, 'demo');
  if (await exists(demo)) await cp(demo, outDir, { recursive: true });
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
