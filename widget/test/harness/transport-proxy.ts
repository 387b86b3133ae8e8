/**
 * A small HTTP proxy in front of a relay, for the transport tests and the fallback benchmark. It forwards
 * plain HTTP (POSTs, the SSE stream) always, and treats WebSocket upgrades by mode:
 * - `refuse-websocket`: answers every upgrade with 403, like a corporate proxy that forbids WebSockets;
 * - `swallow-websocket`: accepts the TCP connection and never answers the upgrade;
 * - `pass`: tunnels the upgrade to the relay.
 * `cut()` destroys every open connection at once (both sides), like a network drop. `stall()` stops every
 * open connection dead without closing it (no byte either way, no FIN): a network that vanished silently.
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export type ProxyMode = 'pass' | 'refuse-websocket' | 'swallow-websocket';

export interface ProxyStats {
  /** WebSocket upgrade requests that reached the proxy. */
  webSocketUpgrades: number;
  /** `GET …/events` requests (SSE streams opened). */
  eventStreams: number;
  /** Plain HTTP requests of any kind. */
  httpRequests: number;
  /** Times `cut()` ran. */
  cuts: number;
}

export interface TransportProxy {
  url: string;
  mode: ProxyMode;
  readonly stats: ProxyStats;
  cut(): void;
  stall(): void;
  close(): Promise<void>;
}

export async function startTransportProxy(target: string, mode: ProxyMode): Promise<TransportProxy> {
  const relay = new URL(target);
  const host = relay.hostname;
  const port = Number(relay.port);
  const open = new Set<Duplex>();
  const stalled = new Set<Duplex>();
  const stats: ProxyStats = { webSocketUpgrades: 0, eventStreams: 0, httpRequests: 0, cuts: 0 };
  const track = (socket: Duplex): void => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    stats.httpRequests += 1;
    if (req.method === 'GET' && /\/events(\?|$)/.test(req.url ?? '')) stats.eventStreams += 1;
    const upstream = request(
      { host, port, method: req.method, path: req.url, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    upstream.on('socket', track);
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };

  const server = createServer(forward);
  server.on('connection', track);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    stats.webSocketUpgrades += 1;
    if (proxy.mode === 'refuse-websocket') {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    if (proxy.mode === 'swallow-websocket') return; // the TCP connection stays open; nothing is answered
    const upstream: Socket = connect(port, host, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.byteLength > 0) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    track(upstream);
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const proxy: TransportProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mode,
    stats,
    cut() {
      stats.cuts += 1;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    stall() {
      for (const socket of open) {
        socket.unpipe();
        socket.pause();
        stalled.add(socket);
      }
      open.clear();
    },
    async close() {
      proxy.cut();
      for (const socket of stalled) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
