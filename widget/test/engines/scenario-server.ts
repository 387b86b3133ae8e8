/**
 * Serves the engine suites' page on a loopback origin of its own (the relay is cross-origin, as on a
 * customer's site): `/` loads the bundled scenario script, `/self-hosted-worklets/<name>.worklet.js` are the
 * worklet scripts as `dist/voice-interview-worklets/` ships them (for the `worklet-base-url` path).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { bundlePageScript } from '../../bench/element-page';
import { bundleWorklet } from '../../build/worklet-source';

export interface ScenarioServer {
  url: string;
  close(): Promise<void>;
}

export async function serveScenarioPage(): Promise<ScenarioServer> {
  const script = await bundlePageScript(fileURLToPath(new URL('./scenario.page.ts', import.meta.url)));
  const worklets = new Map<string, string>();
  for (const name of ['capture', 'playback']) {
    const file = fileURLToPath(new URL(`../../src/audio/${name}.worklet.ts`, import.meta.url));
    worklets.set(`/self-hosted-worklets/${name}.worklet.js`, await bundleWorklet(file));
  }
  const server = createServer((req, res) => {
    const worklet = worklets.get(req.url ?? '');
    if (req.url === '/page.js' || worklet) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(worklet ?? script);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script><body></body>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
