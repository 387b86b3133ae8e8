import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { makeConfig, type RelayConfig } from '../core/config';
import { errorResponse } from '../core/http-responses';
import { bundledTemplates, type TemplateCatalog } from '../core/interview-templates';
import { createLogger, type Logger } from '../core/logger';
import { serveMetrics } from '../core/metrics-endpoint';
import { matchSessionPath, RelayApp } from '../core/relay-app';
import { RelayMetrics } from '../core/relay-metrics';
import type { CheckpointStore } from '../core/session-checkpoint';
import { SessionHost } from '../core/session-host';
import { TokenSigner } from '../core/session-token';
import { type RawSocket, rejectSocket, type SocketClient } from '../core/socket-client';
import { CloseCode } from '../protocol/close-codes';
import { ProtocolError } from '../protocol/protocol-error';
import { RUNTIME_FILES } from './runtime-files';
import { type StaticRoots, serveStatic } from './static-assets';
import { sendWebResponse, toWebRequest } from './web-bridge';

export interface StartRelayOptions {
  port?: number;
  host?: string;
  config?: Partial<RelayConfig>;
  catalog?: TemplateCatalog;
  /** JSON log lines go here (default: stdout). */
  logSink?: (line: string) => void;
  staticRoots?: StaticRoots;
  /** Behind a reverse proxy: take the client address from the first X-Forwarded-For entry (rate limits). */
  trustProxy?: boolean;
  /** Where sessions checkpoint (CHECKPOINT_DIR): a restarted relay sharing it resumes their interviews. */
  store?: CheckpointStore;
  /** How long ended sessions stay in memory for returning clients (default 60 s). */
  endedLingerMs?: number;
}

export interface RunningRelay {
  url: string;
  port: number;
  config: RelayConfig;
  host: SessionHost;
  logger: Logger;
  metrics: RelayMetrics;
  close(): Promise<void>;
  /**
   * SIGTERM: stop accepting, suspend every session (checkpointed, client told with a `relay-restarting`
   * notice and close 1012 so it reconnects), close upstreams and sockets. Resolves when done or after
   * `timeoutMs`, whichever is first.
   */
  drain(timeoutMs: number): Promise<void>;
}

/** Largest WebSocket message `ws` buffers; the core enforces the protocol's smaller limits with typed errors. */
const WS_MAX_PAYLOAD = 1024 * 1024;

export const DEFAULT_STATIC_ROOTS: StaticRoots = RUNTIME_FILES.staticRoots;

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The Node adapter: `node:http` + `ws` mapped onto the portable core. */
export async function startRelay(options: StartRelayOptions = {}): Promise<RunningRelay> {
  const config = makeConfig({ geminiApiKey: '', ...options.config });
  const logger: Logger = createLogger(options.logSink ?? ((line) => process.stdout.write(`${line}\n`)), [
    config.geminiApiKey,
    config.relaySecret,
  ]);
  const signer = new TokenSigner(config.relaySecret);
  const catalog = options.catalog ?? bundledTemplates;
  const metrics = new RelayMetrics({ liveSessions: () => host.activeSessions });
  const host: SessionHost = new SessionHost({
    config,
    catalog,
    logger,
    signer,
    metrics,
    ...(options.store ? { store: options.store } : {}),
    ...(options.endedLingerMs !== undefined ? { endedLingerMs: options.endedLingerMs } : {}),
  });
  let draining = false;
  const app = new RelayApp({
    config,
    catalog,
    logger,
    signer,
    router: {
      fetch: (request, id, action) => host.handle(request, id, action),
      activeSessions: () => host.activeSessions,
    },
  });
  const roots = options.staticRoots ?? DEFAULT_STATIC_ROOTS;
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD });

  const server = createServer((req, res) => {
    void (async () => {
      const request = toWebRequest(req);
      const forwarded = options.trustProxy ? req.headers['x-forwarded-for'] : undefined;
      const address =
        (typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined) ||
        req.socket.remoteAddress;
      const response = draining
        ? errorResponse(new ProtocolError('relay-draining', 'The relay is restarting. Try again.', true))
        : (serveMetrics(request, config.metricsToken, metrics) ??
          (await app.fetch(request, address ?? 'unknown')));
      if (response) await sendWebResponse(response, res);
      else await serveStatic(roots, req.method ?? 'GET', new URL(request.url).pathname, res);
    })().catch((error: unknown) => {
      logger.log('error', 'unhandled request error', { detail: error });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const request = toWebRequest(req, false);
    const route = matchSessionPath(new URL(request.url).pathname);
    if (route?.action !== 'ws' || draining) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => acceptClient(ws, request, route.sessionId));
  });

  function acceptClient(ws: WebSocket, request: Request, sessionId: string): void {
    const raw: RawSocket = {
      send: (data) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(data, { binary: typeof data !== 'string' });
      },
      close: (code, reason) => ws.close(code, reason),
      bufferedAmount: () => ws.bufferedAmount,
    };
    try {
      app.origins.check(request);
    } catch (error) {
      const known = error as ProtocolError;
      rejectSocket(raw, known.code, known.message);
      return;
    }
    // Messages can arrive while the token is being verified: keep them in order until the client exists.
    const early: { data: RawData; isBinary: boolean }[] = [];
    let client: SocketClient | undefined;
    let closed = false;
    const deliver = (data: RawData, isBinary: boolean): void => {
      const bytes = toBytes(data);
      client?.receive(isBinary ? bytes : Buffer.from(bytes).toString('utf8'));
    };
    ws.on('message', (data, isBinary) => {
      if (client) deliver(data, isBinary);
      else early.push({ data, isBinary });
    });
    ws.on('close', () => {
      closed = true;
      client?.closed();
    });
    ws.on('error', (error) => logger.log('warn', 'client socket error', { detail: error.message }));
    void host.acceptSocket(request, sessionId, raw).then((accepted) => {
      client = accepted;
      if (!client) return;
      for (const item of early.splice(0)) deliver(item.data, item.isBinary);
      if (closed) client.closed();
    });
  }

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const port = (server.address() as AddressInfo).port;
  logger.log('info', 'relay started', {
    port,
    mode: config.simulated ? 'simulated interviewer' : 'gemini live',
    model: config.geminiModel,
  });
  const displayHost =
    options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  return {
    url: `http://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${port}`,
    port,
    config,
    host,
    logger,
    metrics,
    async drain(timeoutMs) {
      draining = true;
      const done = (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        host.drain();
        for (const ws of wss.clients) ws.close(CloseCode.Restarting, 'relay restarting');
        server.closeIdleConnections();
        await closed;
      })();
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections();
    },
    async close() {
      await host.closeAll();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
