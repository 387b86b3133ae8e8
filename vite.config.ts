/**
 * Widget builds and the demo dev server.
 *
 *   vite build              dist/voice-interview.js: one self-contained, minified ES module (Lit included),
 *                           plus dist/voice-interview-worklets/*.js for pages that self-host the worklets (strict CSP).
 *                           Prints the gzip size and fails above the budget, and each file's SRI hash
 *                           (also written to dist/integrity.json).
 *   vite build --mode esm   dist/esm/: unminified ES modules for bundlers, Lit left as a dependency
 *                           (declarations come from `tsc -p widget/tsconfig.types.json`).
 *   vite                    the demo page at /, with /voice-interview.js served from the sources.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { integrityPlugin } from './widget/build/integrity';
import { templateWhitespacePlugin } from './widget/build/template-whitespace';
import { viteWorkletPlugin } from './widget/build/worklet-source';

const ENTRY = 'widget/src/index.ts';
const BUNDLE_FILE = 'voice-interview.js';
/** 32 KB with the interview flow and all four languages (the interview-flow issue); docs/widget.md "Bundle size". */
export const GZIP_BUDGET_BYTES = 32 * 1024;
/** Nothing from the server side may end up in the browser bundle. */
const SERVER_ONLY = [
  /node_modules\/@google\/genai\//,
  /\/relay\/(core|node|worker|edge-tools|fake-gemini|test-support|bench|interviews)\//,
  /node_modules\/ws\//,
];
/**
 * The element renders with lit-html alone (widget/src/element-base.ts): LitElement and ReactiveElement would
 * add 2.4 KB gzip. Import `lit/html.js`, not `lit`.
 */
const NOT_BUNDLED = [/node_modules\/@lit\/reactive-element\//, /node_modules\/lit-element\//];

/** Prints the gzip size of the one-file bundle, fails above the budget or when server code leaked in. */
function bundleBudgetPlugin(): Plugin {
  return {
    name: 'voice-interview-bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunk = bundle[BUNDLE_FILE];
      if (chunk?.type !== 'chunk') this.error(`${BUNDLE_FILE} was not produced`);
      const leaked = Object.keys(chunk.modules).filter((id) =>
        SERVER_ONLY.some((pattern) => pattern.test(id)),
      );
      if (leaked.length > 0) this.error(`server-side modules in the browser bundle: ${leaked.join(', ')}`);
      const heavy = Object.keys(chunk.modules).filter((id) =>
        NOT_BUNDLED.some((pattern) => pattern.test(id)),
      );
      if (heavy.length > 0) this.error(`LitElement in the bundle (use lit/html.js): ${heavy.join(', ')}`);
      const gzipBytes = gzipSync(chunk.code, { level: 9 }).byteLength;
      const line = `${BUNDLE_FILE}: ${(chunk.code.length / 1024).toFixed(1)} KB, ${(gzipBytes / 1024).toFixed(1)} KB gzip (budget ${GZIP_BUDGET_BYTES / 1024} KB)`;
      if (gzipBytes > GZIP_BUDGET_BYTES) this.error(`over budget: ${line}`);
      process.stdout.write(`\n${line}\n`);
    },
  };
}

/** The widget's version constant must match package.json, or two copies could not be told apart. */
function versionCheckPlugin(): Plugin {
  return {
    name: 'voice-interview-version-check',
    apply: 'build',
    buildStart() {
      const packageVersion = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
      const source = readFileSync('widget/src/version.ts', 'utf8');
      if (!source.includes(`'${packageVersion}'`)) {
        this.error(`widget/src/version.ts does not say '${packageVersion}' (package.json)`);
      }
    },
  };
}

/** Dev server: the demo at `/` and the element at `/voice-interview.js`, like the relay serves them. */
function demoServerPlugin(): Plugin {
  return {
    name: 'voice-interview-demo-server',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url === '/' || req.url?.startsWith('/?')) req.url = `/demo/index.html${req.url.slice(1)}`;
        else if (req.url === `/${BUNDLE_FILE}`) req.url = `/${ENTRY}`;
        next();
      });
    },
  };
}

const bundleConfig: UserConfig = {
  plugins: [
    templateWhitespacePlugin(),
    viteWorkletPlugin({ emitFiles: true }),
    versionCheckPlugin(),
    bundleBudgetPlugin(),
    integrityPlugin(),
    demoServerPlugin(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    // Terser over Vite's default minifier: 2.7 KB gzip smaller on this bundle (37.6 → 34.9 KB), measured.
    minify: 'terser',
    terserOptions: { module: true, ecma: 2020, compress: { passes: 3 }, format: { comments: false } },
    sourcemap: false,
    reportCompressedSize: false,
    lib: { entry: ENTRY, formats: ['es'], fileName: () => BUNDLE_FILE },
    rolldownOptions: { output: { codeSplitting: false } },
  },
};

const esmConfig: UserConfig = {
  plugins: [viteWorkletPlugin({ emitFiles: false })],
  build: {
    outDir: 'dist/esm',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    reportCompressedSize: false,
    lib: { entry: ENTRY, formats: ['es'] },
    rolldownOptions: {
      external: [/^lit($|\/)/, /^@lit\//],
      output: { preserveModules: true, preserveModulesRoot: '.', entryFileNames: '[name].js' },
    },
  },
};

export default defineConfig(({ mode }) => (mode === 'esm' ? esmConfig : bundleConfig));
