/** The Node adapter's small-body shortcut (core/held-bodies.ts): same bytes and errors as the streamed path. */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { heldRequestBody } from '../core/held-bodies';
import { json, readBody } from '../core/http-responses';
import { HELD_BODY_MAX_BYTES, sendWebResponse, toWebRequestHeld } from '../node/web-bridge';
import { ProtocolError } from '../protocol/protocol-error';

interface Seen {
  held: boolean;
  streamed: boolean;
  bytes?: Uint8Array;
  error?: string;
}

/** A server that reads every body through the adapter and the core, and says how it travelled. */
function bodyServer(limit: number): { server: Server; seen: Seen[] } {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    void (async () => {
      const entry: Seen = { held: false, streamed: false };
      seen.push(entry);
      try {
        const request = await toWebRequestHeld(req, new URL(`http://relay.test${req.url ?? '/'}`));
        entry.held = heldRequestBody(request) !== undefined;
        entry.streamed = request.body !== null;
        entry.bytes = await readBody(request, limit);
        await sendWebResponse(json({ length: entry.bytes.byteLength }), res);
      } catch (error) {
        entry.error = error instanceof ProtocolError ? error.code : String(error);
        res.writeHead(400).end(entry.error);
      }
    })();
  });
  return { server, seen };
}

/** Starts `server` on a loopback port of its own; resolves to the port. */
async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function pattern(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 255);
}

async function post(
  port: number,
  body: Uint8Array,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; contentLength: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        port,
        method: 'POST',
        path: '/v1/x',
        headers: { 'content-type': 'application/octet-stream', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString(),
            contentLength: res.headers['content-length'],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('Node adapter: small request bodies are read before the Request is built', () => {
  const { server, seen } = bodyServer(256 * 1024);
  let port = 0;
  before(async () => {
    port = await listen(server);
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('holds a body of declared length up to the cap: same bytes, no stream, the JSON answer written whole', async () => {
    const body = pattern(1_300);
    const answer = await post(port, body);
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.text), { length: 1_300 });
    assert.equal(answer.contentLength, String(Buffer.byteLength(answer.text)));
    const entry = seen.at(-1) as Seen;
    assert.deepEqual({ held: entry.held, streamed: entry.streamed }, { held: true, streamed: false });
    assert.deepEqual(entry.bytes, body);
  });

  it('streams a body over the cap, and one sent chunked without a length', async () => {
    const large = pattern(HELD_BODY_MAX_BYTES + 1);
    assert.equal((await post(port, large)).status, 200);
    const first = seen.at(-1) as Seen;
    assert.deepEqual({ held: first.held, streamed: first.streamed }, { held: false, streamed: true });
    assert.deepEqual(first.bytes, large);

    const chunked = pattern(500);
    assert.equal((await post(port, chunked, { 'transfer-encoding': 'chunked' })).status, 200);
    const second = seen.at(-1) as Seen;
    assert.deepEqual({ held: second.held, streamed: second.streamed }, { held: false, streamed: true });
    assert.deepEqual(second.bytes, chunked);
  });
});

describe('Node adapter: a held body still meets the endpoint limit', () => {
  const { server, seen } = bodyServer(1_000);
  let port = 0;
  before(async () => {
    port = await listen(server);
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses a held body over the limit as payload-too-large, as the streamed path does', async () => {
    const answer = await post(port, pattern(1_001));
    assert.equal(answer.status, 400);
    assert.equal(answer.text, 'payload-too-large');
    assert.equal((seen.at(-1) as Seen).held, true);
    assert.equal((await post(port, pattern(1_000))).status, 200);
  });
});
