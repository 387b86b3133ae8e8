/**
 * For browser benchmarks: bundles a page script (TypeScript, with the element and anything it imports, the
 * worklets inlined as the Vite build does) and serves it on a loopback origin of its own, so the relay is
 * cross-origin as on a customer's site.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { bundleWorklet, WORKLET_QUERY, workletModule } from '../build/worklet-source';

const workletPlugin: Plugin = {
  name: 'worklet-source',
  setup(builder) {
    builder.onResolve({ filter: /\?worklet$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path.slice(0, -WORKLET_QUERY.length)),
      namespace: 'worklet',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'worklet' }, async (args) => ({
      contents: workletModule(await bundleWorklet(args.path)),
      loader: 'js',
    }));
  },
};

export async function bundlePageScript(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    conditions: ['browser', 'production'],
    plugins: [workletPlugin],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

export interface ServedPage {
  url: string;
  close(): void;
}

/** An HTML page at `/` that loads `script` as a module. */
export async function servePage(script: string): Promise<ServedPage> {
  const server = createServer((req, res) => {
    if (req.url === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><script type="module" src="/page.js"></script><body></body>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export function summary(values: number[], digits = 0): string {
  return (
    `p50 ${median(values).toFixed(digits)} ms, min ${Math.min(...values).toFixed(digits)}, ` +
    `max ${Math.max(...values).toFixed(digits)} (n=${values.length})`
  );
}
