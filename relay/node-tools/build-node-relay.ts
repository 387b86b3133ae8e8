/**
 * `npm run build:relay`: the production Node relay in one folder, dist/relay/, run with plain
 * `node dist/relay/node.mjs`. esbuild bundles relay/node/main.ts and everything it imports (`ws` and
 * `@google/genai` included) into one ESM file, so the folder needs no node_modules at all; beside it go the
 * files the relay reads at run time (relay/node/runtime-files.ts): the demo page, the widget bundle and its
 * worklets, and the simulated interviewer's lines and clips. Run `npm run build` first (the widget).
 *
 *   tsx relay/node-tools/build-node-relay.ts [outDir]     (default dist/relay)
 */
import { cp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUILT_LAYOUT } from '../node/runtime-files';
import { thirdPartyNotices } from './third-party-notices';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Where `npm run build:relay` writes, relative to the repository (package.json and relay/Dockerfile use it). */
export const NODE_RELAY_DIR = 'dist/relay';
/** The bundled entry inside NODE_RELAY_DIR. */
export const NODE_RELAY_ENTRY = 'node.mjs';
/** The oldest Node the bundle must run on: the `engines` floor in package.json. */
export const NODE_TARGET = 'node20.19';

/**
 * An ESM bundle of CommonJS packages (`ws`, the SDK's auth stack) still calls `require()` for Node built-ins:
 * give the module a real one.
 */
const REQUIRE_SHIM =
  "import { createRequire as __voiceInterviewCreateRequire } from 'node:module';\n" +
  'const require = __voiceInterviewCreateRequire(import.meta.url);';

/**
 * The only packages the bundle may leave to run time: `ws`'s optional native speed-ups, which it `require()`s
 * inside try/catch and does without. Everything else is bundled or a Node built-in, or the build fails.
 */
export const OPTIONAL_ADDONS: readonly string[] = ['bufferutil', 'utf-8-validate'];

export interface BuildNodeRelayOptions {
  /** Output folder (replaced). Default: dist/relay in the repository. */
  outDir?: string;
  /** Where the built widget is (voice-interview.js and voice-interview-worklets/). Default: dist/. */
  widgetDir?: string;
}

export interface BuiltNodeRelay {
  outDir: string;
  /** Absolute path of the bundled entry. */
  entry: string;
  /** Size of the entry in bytes. */
  bytes: number;
  /** Every module the bundle loads at run time instead of containing it (Node built-ins, OPTIONAL_ADDONS). */
  externals: string[];
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export async function buildNodeRelay(options: BuildNodeRelayOptions = {}): Promise<BuiltNodeRelay> {
  const outDir = resolve(options.outDir ?? join(repoRoot, NODE_RELAY_DIR));
  const widgetDir = resolve(options.widgetDir ?? join(repoRoot, 'dist'));
  const widgetBundle = join(widgetDir, 'voice-interview.js');
  if (!(await exists(widgetBundle)))
    throw new Error(`${widgetBundle} is missing: run \`npm run build\` first`);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const entry = join(outDir, NODE_RELAY_ENTRY);
  const result = await build({
    entryPoints: [join(repoRoot, 'relay', 'node', 'main.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    banner: { js: REQUIRE_SHIM },
    // Tells relay/node/runtime-files.ts to look beside the bundle instead of in the repository.
    define: { VOICE_INTERVIEW_BUNDLE: 'true' },
    // The bundled packages' full licence texts go to THIRD_PARTY_LICENSES.txt instead.
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const externals = [
    ...new Set(
      Object.values(result.metafile.outputs).flatMap((output) =>
        output.imports.filter((item) => item.external).map((item) => item.path),
      ),
    ),
  ].sort();
  const unbundled = externals.filter((name) => !isBuiltin(name) && !OPTIONAL_ADDONS.includes(name));
  if (unbundled.length > 0)
    throw new Error(`the bundle would need node_modules at run time for: ${unbundled.join(', ')}`);
  await writeFile(
    join(outDir, 'THIRD_PARTY_LICENSES.txt'),
    await thirdPartyNotices(repoRoot, Object.keys(result.metafile.inputs)),
  );
  const widgetOut = join(outDir, BUILT_LAYOUT.widget);
  await mkdir(widgetOut, { recursive: true });
  await cp(widgetBundle, join(widgetOut, 'voice-interview.js'));
  const worklets = join(widgetDir, 'voice-interview-worklets');
  if (await exists(worklets))
    await cp(worklets, join(widgetOut, 'voice-interview-worklets'), { recursive: true });
  await cp(join(repoRoot, 'demo'), join(outDir, BUILT_LAYOUT.demo), { recursive: true });
  await cp(join(repoRoot, 'relay', 'fake-gemini', 'clips'), join(outDir, BUILT_LAYOUT.clips), {
    recursive: true,
    filter: (source) => !source.endsWith('.sh'),
  });
  await cp(join(repoRoot, 'relay', 'interviews', 'interviews.json'), join(outDir, BUILT_LAYOUT.interviews));
  return { outDir, entry, bytes: (await stat(entry)).size, externals };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildNodeRelay({ ...(process.argv[2] ? { outDir: process.argv[2] } : {}) }).then(
    ({ entry, bytes }) =>
      process.stdout.write(
        `Node relay ${entry}: ${(bytes / 1024).toFixed(1)} KiB; run it with \`node ${entry}\`\n`,
      ),
    (error: unknown) => {
      process.stderr.write(`build:relay failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
