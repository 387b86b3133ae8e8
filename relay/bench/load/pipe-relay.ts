/**
 * Baseline 3: the pipe — every WebSocket message copied verbatim to an upstream WebSocket and back, with no
 * parsing, no base64 and no framing of its own (the client speaks Gemini's wire format, as the floor's does).
 * Not a relay anyone could ship: it is the least any relay in the middle costs, two socket hops per message,
 * so the bench can say how much of a relay's CPU is the hops themselves on this machine.
 */
import { createServer } from 'node:http';
import { type AddressInfo, connect, createServer as createNetServer } from 'node:net';
import { type RawData, WebSocket, WebSocketServer } from 'ws';

export async function startPipeRelay(geminiUrl: string): Promise<string> {
  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server });
  wss.on('connection', (client, request) => {
    const upstream = new WebSocket(`${geminiUrl.replace('http', 'ws')}${request.url ?? '/'}`);
    // What the client sends before the upstream is open (its setup message) waits here.
    const early: { data: RawData; isBinary: boolean }[] = [];
    upstream.on('open', () => {
      for (const m of early.splice(0)) upstream.send(m.data, { binary: m.isBinary });
    });
    upstream.on('message', (data, isBinary) => client.send(data, { binary: isBinary }));
    upstream.on('close', () => client.close());
    upstream.on('error', () => client.close());
    client.on('message', (data, isBinary) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary: isBinary });
      else early.push({ data, isBinary });
    });
    client.on('close', () => upstream.close());
    client.on('error', () => upstream.close());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * The kernel's floor, for experiments only (`BENCH_ONLY=direct,tcp-pipe-ws`): a TCP proxy that copies bytes
 * both ways, WebSocket handshake and frames included, without reading a message. What two loopback socket
 * hops cost with no WebSocket code at all.
 */
export async function startTcpPipe(geminiUrl: string): Promise<string> {
  const target = new URL(geminiUrl);
  const server = createNetServer((client) => {
    const upstream = connect({ port: Number(target.port), host: target.hostname, noDelay: true });
    // As `ws` does: no Nagle delay on small frames (it held the uplink ~20 ms here).
    client.setNoDelay(true);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
