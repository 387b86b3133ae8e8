/**
 * Debian's WebKitGTK: `WebKitWebDriver` driving `MiniBrowser` under a private Xvfb display, through the
 * classic WebDriver HTTP API with plain fetch (WebKitGTK has no BiDi). Media capture comes from the run's
 * PulseAudio microphone (not the mock capture device, a tone). An AudioContext only resumes inside a real
 * click: `clickAt` sends WebDriver pointer actions, which the page receives as trusted events.
 */
import { createServer } from 'node:net';
import type { EngineDriver } from './driver';
import { type Managed, startProcess, until } from './processes';

export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Xvfb on a display it picks itself (`-displayfd`), so parallel runs never collide. */
async function startXvfb(env: NodeJS.ProcessEnv): Promise<{ display: string; server: Managed }> {
  const server = startProcess(
    'Xvfb',
    ['-displayfd', '1', '-nolisten', 'tcp', '-screen', '0', '1280x900x24'],
    env,
  );
  let display = '';
  await until(
    () => {
      if (server.child.exitCode !== null) throw new Error(`Xvfb exited: ${server.output().trim()}`);
      const match = /^(\d+)\s*$/m.exec(server.output());
      if (match) display = `:${match[1]}`;
      return display !== '';
    },
    'Xvfb to pick a display',
    15_000,
  );
  return { display, server };
}

interface WebDriverReply {
  value: unknown;
}

export async function launchWebKit(env: NodeJS.ProcessEnv): Promise<EngineDriver> {
  const xvfb = await startXvfb(env);
  const port = await freePort();
  const browserEnv = { ...env, DISPLAY: xvfb.display };
  const driver = startProcess(WEBKIT_DRIVER, [`--port=${port}`, '--host=127.0.0.1'], browserEnv);
  const base = `http://127.0.0.1:${port}`;
  const stopAll = async () => {
    await driver.stop();
    await xvfb.server.stop();
  };
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const reply = (await response.json()) as WebDriverReply;
    if (!response.ok) {
      const value = reply.value as { error?: string; message?: string };
      throw new Error(
        `WebDriver ${method} ${path}: ${value.error ?? response.status} ${value.message ?? ''}`,
      );
    }
    return reply.value;
  };
  try {
    await until(
      () => {
        if (driver.child.exitCode !== null)
          throw new Error(`WebKitWebDriver exited: ${driver.output().trim()}`);
        return fetch(`${base}/status`).then(
          (response) => response.ok,
          () => false,
        );
      },
      'WebKitWebDriver',
      15_000,
    );
    const session = (await call('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': {
            binary: MINIBROWSER,
            args: ['--automation', '--enable-media-stream=true', '--enable-webaudio=true'],
          },
        },
      },
    })) as { sessionId: string; capabilities: { browserVersion?: string } };
    const id = session.sessionId;
    await call('POST', `/session/${id}/timeouts`, { script: 120_000, pageLoad: 30_000 });
    return {
      engine: 'webkit',
      version: `WebKitGTK ${session.capabilities.browserVersion ?? '?'}`,
      async goto(url) {
        await call('POST', `/session/${id}/url`, { url });
      },
      async evaluate<T>(expression: string) {
        // Classic WebDriver awaits a promise the script returns.
        return (await call('POST', `/session/${id}/execute/sync`, {
          script: `return Promise.resolve(${expression}).then((value) => value === undefined ? null : value);`,
          args: [],
        })) as T;
      },
      async clickAt(x, y) {
        await call('POST', `/session/${id}/actions`, {
          actions: [
            {
              type: 'pointer',
              id: 'mouse',
              parameters: { pointerType: 'mouse' },
              actions: [
                { type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport', duration: 0 },
                { type: 'pointerDown', button: 0 },
                { type: 'pointerUp', button: 0 },
              ],
            },
          ],
        });
        await call('DELETE', `/session/${id}/actions`);
      },
      async close() {
        await call('DELETE', `/session/${id}`).catch(() => undefined);
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw new Error(`${String(error)}\nWebKitWebDriver output: ${driver.output().trim()}`);
  }
}
