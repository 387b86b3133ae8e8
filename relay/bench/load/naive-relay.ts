/**
 * Baseline 2: the naive relay — WebSocket in, JSON/base64 passthrough to Gemini, WebSocket out. No
 * sessions, tokens, replay, metrics or typed errors: the cost floor of "a relay at all".
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { interviewerFrame, openUpstream } from './gemini-wire';

export async function startNaiveRelay(geminiUrl: string): Promise<string> {
  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (client) => {
    let seq = 0;
    const upstream = openUpstream(
      geminiUrl,
      (pcm) => client.send(interviewerFrame(++seq, pcm)),
      () => client.close(),
    );
    void upstream.ready.then(
      () => client.send(JSON.stringify({ type: 'ready' })),
      () => client.close(),
    );
    client.on('message', (data: Buffer, isBinary) => {
      if (isBinary && data.byteLength > 12) upstream.sendPcm(data.subarray(12));
    });
    client.on('close', () => upstream.close());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
