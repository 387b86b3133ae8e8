/** Slow readers and dead clients on Node: a bounded send buffer (drop audio, then close 4408) and pings. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { startFakeGemini } from '../fake-gemini/index';
import { nodeRawSocket, type SocketLike, tickCorker } from '../node/node-socket';
import { startRelay } from '../node/start-relay';
import { CloseCode } from '../protocol/index';
import { CANARY_KEY } from '../test-support/node-stack';
import { RelayTestClient } from '../test-support/relay-test-client';

function fakeSocket(bufferedAmount: number) {
  const sent: unknown[] = [];
  const closes: number[] = [];
  const ws = {
    readyState: WebSocket.OPEN,
    bufferedAmount,
    send: (data: unknown) => sent.push(data),
    close: (code: number) => closes.push(code),
  } as unknown as SocketLike;
  return { ws, sent, closes };
}

const limits = { dropAudioBytes: 100, closeBytes: 1000 };

describe('bounded sends toward a slow client', () => {
  it('sends everything while the buffer is short', () => {
    const { ws, sent } = fakeSocket(0);
    nodeRawSocket(ws, limits, { droppedAudioFrames: 0, slowCloses: 0 }).send(new Uint8Array(4));
    assert.equal(sent.length, 1);
  });

  it('hands ws a copy of binary frames, so the replay log may recycle the block a frame is in', () => {
    const { ws, sent } = fakeSocket(0);
    const block = new Uint8Array(64).fill(5);
    const frame = block.subarray(8, 24);
    nodeRawSocket(ws, limits, { droppedAudioFrames: 0, slowCloses: 0 }).send(frame);
    block.fill(0); // the block is reused before the socket wrote the frame
    const copy = sent[0] as Uint8Array;
    assert.notEqual(copy.buffer, block.buffer);
    assert.deepEqual([...copy], new Array(16).fill(5));
  });

  it('drops audio but still sends events past the first bound', () => {
    const { ws, sent } = fakeSocket(500);
    const counters = { droppedAudioFrames: 0, slowCloses: 0 };
    const raw = nodeRawSocket(ws, limits, counters);
    raw.send(new Uint8Array(4));
    raw.send('{"id":3,"type":"transcript"}');
    assert.deepEqual(sent, ['{"id":3,"type":"transcript"}']);
    assert.equal(counters.droppedAudioFrames, 1);
  });

  it('closes with 4408 past the second bound', () => {
    const { ws, sent, closes } = fakeSocket(2000);
    const counters = { droppedAudioFrames: 0, slowCloses: 0 };
    nodeRawSocket(ws, limits, counters).send('{}');
    assert.deepEqual(sent, []);
    assert.deepEqual(closes, [CloseCode.TooSlow]);
    assert.equal(counters.slowCloses, 1);
  });
});

describe('pings', () => {
  it('a client that never answers pings is dropped', async () => {
    const fake = await startFakeGemini({ requireApiKey: CANARY_KEY });
    const relay = await startRelay({
      config: {
        geminiApiKey: CANARY_KEY,
        geminiBaseUrl: fake.baseUrl,
        relaySecret: 'test-relay-secret-of-at-least-32-bytes',
      },
      logSink: () => {},
      pingIntervalMs: 50,
    });
    try {
      const client = await RelayTestClient.create(relay.url);
      const url = `${relay.url.replace('http', 'ws')}/v1/sessions/${client.session.sessionId}/ws?token=${client.session.token}`;
      const ws = new WebSocket(url, { autoPong: false });
      let pinged = 0;
      ws.on('ping', () => {
        pinged += 1;
      });
      const code = await new Promise<number>((resolve) => ws.on('close', resolve));
      assert.equal(code, 1006, 'terminated without a close frame');
      assert.ok(pinged >= 1);
    } finally {
      await relay.close();
      await fake.close();
    }
  });
});

describe('one writev per tick toward a client', () => {
  it('corks the stream on the first send of a tick and uncorks it once, at the end of the tick', async () => {
    const log: string[] = [];
    const stream = { cork: () => log.push('cork'), uncork: () => log.push('uncork') };
    const ws = {
      readyState: WebSocket.OPEN,
      bufferedAmount: 0,
      send: (data: unknown) => log.push(typeof data === 'string' ? data : 'audio'),
      close: () => {},
    } as unknown as SocketLike;
    const raw = nodeRawSocket(ws, limits, { droppedAudioFrames: 0, slowCloses: 0 }, tickCorker(stream));
    raw.send(new Uint8Array(4));
    raw.send('{"id":2}');
    raw.send('{"id":3}');
    assert.deepEqual(log, ['cork', 'audio', '{"id":2}', '{"id":3}']);
    await new Promise((resolve) => setImmediate(resolve));
    raw.send('{"id":4}');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(log, ['cork', 'audio', '{"id":2}', '{"id":3}', 'uncork', 'cork', '{"id":4}', 'uncork']);
  });

  it('a real ws socket sends the messages of one tick in one write, in order', async () => {
    const { WebSocketServer } = await import('ws');
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    const port = (wss.address() as { port: number }).port;
    const writes: number[] = [];
    const served = new Promise<void>((resolve) =>
      wss.once('connection', (ws, req) => {
        const stream = req.socket;
        const writev = stream._writev?.bind(stream);
        const write = stream._write.bind(stream);
        stream._writev = (chunks, cb) => {
          writes.push(chunks.length);
          writev?.(chunks, cb);
        };
        stream._write = (chunk, encoding, cb) => {
          writes.push(1);
          write(chunk, encoding, cb);
        };
        const raw = nodeRawSocket(ws, undefined, undefined, tickCorker(stream));
        for (let id = 1; id <= 5; id++) raw.send(`{"id":${id}}`);
        resolve();
      }),
    );
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    const received: string[] = [];
    const all = new Promise<void>((resolve) =>
      client.on('message', (data) => {
        received.push(String(data));
        if (received.length === 5) resolve();
      }),
    );
    await served;
    await all;
    client.close();
    wss.close();
    assert.deepEqual(received, ['{"id":1}', '{"id":2}', '{"id":3}', '{"id":4}', '{"id":5}']);
    // Five messages of a header and a payload each: ten chunks, one syscall.
    assert.deepEqual(writes, [10]);
  });
});
