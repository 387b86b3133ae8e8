/**
 * Same-origin embed behind a TLS-terminating proxy: the page at https://localhost:PORT creates a session and
 * talks to it over WSS with its own origin, which the relay (plain HTTP behind the proxy, TRUST_PROXY=1)
 * recognises as its own from X-Forwarded-Proto/-Host. Without the proxy headers trusted it is refused.
 */
import assert from 'node:assert/strict';
import { request as httpsRequest } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/index';
import { type RunningRelay, startRelay } from '../node/start-relay';
import { decodeWebSocketMessage, encodeClientMessage } from '../protocol/index';
import { EXPOSURE_SCRIPT } from '../test-support/key-exposure';
import { CANARY_KEY } from '../test-support/node-stack';
import { startTlsProxy, type TlsProxy } from '../test-support/tls-proxy';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function fetchTls(
  proxy: TlsProxy,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = httpsRequest(new URL(path, proxy.url), { method, headers, ca: proxy.ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const stacks: { fake: FakeGemini; relay: RunningRelay; proxy: TlsProxy }[] = [];

async function stack(trustProxy: boolean) {
  const fake = await startFakeGemini({ requireApiKey: CANARY_KEY, script: EXPOSURE_SCRIPT });
  const relay = await startRelay({
    config: {
      geminiApiKey: CANARY_KEY,
      geminiBaseUrl: fake.baseUrl,
      relaySecret: 'test-relay-secret-of-at-least-32-bytes',
    },
    logSink: () => {},
    trustProxy: trustProxy ? { hops: 1 } : undefined,
  });
  const proxy = await startTlsProxy(relay.url);
  stacks.push({ fake, relay, proxy });
  return proxy;
}

after(async () => {
  for (const { fake, relay, proxy } of stacks) {
    await proxy.close();
    await relay.close();
    await fake.close();
  }
});

describe('behind a TLS-terminating proxy', () => {
  let proxy: TlsProxy;
  before(async () => {
    proxy = await stack(true);
  });

  it('serves the demo page with its security headers over https', async () => {
    const page = await fetchTls(proxy, 'GET', '/', {});
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'self'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.equal(page.headers['access-control-allow-origin'], undefined);
  });

  it('the page creates a session from its own https origin and holds a turn over wss', async () => {
    const origin = proxy.url;
    const created = await fetchTls(
      proxy,
      'POST',
      '/v1/sessions',
      { origin, 'content-type': 'application/json' },
      JSON.stringify({ interview: 'frontend-mid' }),
    );
    assert.equal(created.status, 201, created.body);
    const session = JSON.parse(created.body) as { sessionId: string; token: string };
    const url = `${proxy.url.replace('https', 'wss')}/v1/sessions/${session.sessionId}/ws?token=${session.token}`;
    const ws = new WebSocket(url, { headers: { origin }, ca: proxy.ca });
    const types: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        const frame = decodeWebSocketMessage(data.toString('utf8'));
        if (frame.kind !== 'event') return;
        types.push(frame.event.type);
        const completed = types.filter((type) => type === 'turn-complete').length;
        if (frame.event.type === 'turn-complete' && completed === 1)
          ws.send(encodeClientMessage({ type: 'text', text: 'I built a dashboard.' }));
        if (completed === 2) resolve();
      });
      ws.on('close', (code) => reject(new Error(`closed ${code}; saw ${types.join(',')}`)));
      ws.on('error', reject);
    });
    assert.equal(types[0], 'ready');
    ws.close();
  });
});

describe('behind the same proxy without TRUST_PROXY', () => {
  it("the https page is not recognised as the relay's own origin (403)", async () => {
    const proxy = await stack(false);
    const created = await fetchTls(
      proxy,
      'POST',
      '/v1/sessions',
      { origin: proxy.url, 'content-type': 'application/json' },
      JSON.stringify({ interview: 'frontend-mid' }),
    );
    assert.equal(created.status, 403);
  });
});
