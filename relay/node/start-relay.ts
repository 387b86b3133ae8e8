import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { makeConfig, type RelayConfig } from '../core/config';
import { errorResponse } from '../core/http-responses';
import { bundledTemplates, type TemplateCatalog } from '../core/interview-templates';
import { createLogger, type Logger } from '../core/logger';
import { serveMetrics } from '../core/metrics-endpoint';
import { RelayApp } from '../core/relay-app';
import { RelayMetrics } from '../core/relay-metrics';
import type { CheckpointStore } from '../core/session-checkpoint';
import { SessionHost } from '../core/session-host';
import { TokenSigner } from '../core/session-token';
import { rejectSocket, type SocketClient } from '../core/socket-client';
import { useBase64Codec } from '../protocol/base64';
import { CloseCode } from '../protocol/close-codes';
import { ProtocolError } from '../protocol/protocol-error';
import { nodeBase64 } from './node-base64';
import { keepAlive, nodeRawSocket, SEND_LIMITS, sendCounters, tickCorker } from './node-socket';
import { requestUrl } from './request-url';
import { RUNTIME_FILES } from './runtime-files';
import { type StaticRoots, serveStatic } from './static-assets';
import { clientView, type TrustProxy } from './trust-proxy';
import { sendWebResponse, toWebRequest, toWebRequestHeld, writeRawResponse } from './web-bridge';

export interface StartRelayOptions {
  port?: number;
  host?: string;
  config?: Partial<RelayConfig>;
  catalog?: TemplateCatalog;
  /** JSON log lines go here (default: stdout). */
  logSink?: (line: string) => void;
  staticRoots?: StaticRoots;
  /**
   * Behind reverse proxies (`TRUST_PROXY`): hops or addresses to trust for `X-Forwarded-For` (the
   * right-most untrusted entry is the client) and `X-Forwarded-Proto`/`-Host`. `true` is one hop.
   */
  trustProxy?: TrustProxy | boolean;
  /** How often client WebSockets are pinged; one unanswered ping drops the client. */
  pingIntervalMs?: number;
  /** Where sessions checkpoint (CHECKPOINT_DIR): a restarted relay sharing it resumes their interviews. */
  store?: CheckpointStore;
  /** How long ended sessions stay in memory for returning clients (default 60 s). */
  endedLingerMs?: number;
}

/** Client WebSockets are pinged this often (under the 60 s idle timeout of common proxies). */
export const PING_INTERVAL_MS = 25_000;

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

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** The Node adapter: `node:http` + `ws` mapped onto the portable core. */
export async function startRelay(options: StartRelayOptions = {}): Promise<RunningRelay> {
  useBase64Codec(nodeBase64);
  const config = makeConfig({ geminiApiKey: '', ...options.config });
  const logger: Logger = createLogger(options.logSink ?? ((line) => process.stdout.write(`${line}\n`)), [
    config.geminiApiKey,
    config.relaySecret,
  ]);
  const signer = new TokenSigner(config.relaySecret);
  const catalog = options.catalog ?? bundledTemplates;
  const metrics = new RelayMetrics({ liveSessions: () => host.activeSessions });
  metrics.registry.gauge(
    'vi_client_audio_dropped_frames_total',
    'Interviewer audio frames dropped toward slow WebSocket clients (send buffer over 256 KB).',
    () => sendCounters.droppedAudioFrames,
    'counter',
  );
  metrics.registry.gauge(
    'vi_client_slow_closes_total',
    'WebSocket clients closed 4408 for not reading (send buffer over 1 MB).',
    () => sendCounters.slowCloses,
    'counter',
  );
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
  const drainingError = () =>
    errorResponse(new ProtocolError('relay-draining', 'The relay is restarting. Try again.', true));
  const roots = options.staticRoots ?? DEFAULT_STATIC_ROOTS;
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD });
  const trust: TrustProxy = options.trustProxy === true ? { hops: 1 } : options.trustProxy || undefined;
  const bindHost = options.host ?? '127.0.0.1';
  /** What the upgrade primitive needs from the raw upgrade event, keyed by the Request built from it. */
  const pending = new WeakMap<Request, { req: IncomingMessage; socket: Duplex; head: Buffer }>();
  const app = new RelayApp({
    config,
    catalog,
    logger,
    signer,
    loopbackBound: isLoopback(bindHost),
    router: {
      fetch: (request, id, action) => host.handle(request, id, action),
      activeSessions: () => host.activeSessions,
      activeSessionsOf: (client) => host.activeSessionsOf(client),
    },
    sockets: {
      accept: async (request, sessionId) => {
        const upgrade = pending.get(request);
        if (upgrade)
          wss.handleUpgrade(upgrade.req, upgrade.socket, upgrade.head, (ws) =>
            acceptClient(ws, upgrade.socket, request, sessionId),
          );
        return undefined;
      },
      refuse: async (request, error) => {
        const upgrade = pending.get(request);
        if (upgrade)
          wss.handleUpgrade(upgrade.req, upgrade.socket, upgrade.head, (ws) =>
            rejectSocket(nodeRawSocket(ws), error.code, error.message),
          );
        return undefined;
      },
    },
  });

  const server = createServer((req, res) => {
    void (async () => {
      const view = clientView(req, trust);
      let request: Request;
      try {
        request = await toWebRequestHeld(req, requestUrl(req, view));
      } catch (error) {
        await sendWebResponse(errorResponse(error), res);
        return;
      }
      const response = draining
        ? drainingError()
        : (serveMetrics(request, config.metricsToken, metrics) ?? (await app.fetch(request, view.address)));
      if (response) await sendWebResponse(response, res);
      else
        await serveStatic(
          roots,
          req.method ?? 'GET',
          new URL(request.url).pathname,
          res,
          config.frameAncestors,
        );
    })().catch((error: unknown) => {
      logger.log('error', 'unhandled request error', { detail: error });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A reset before the handshake completes must not become an uncaught 'error' event.
    socket.on('error', () => socket.destroy());
    void (async () => {
      const view = clientView(req, trust);
      let answer: Response | undefined;
      try {
        const request = toWebRequest(req, requestUrl(req, view), false);
        pending.set(request, { req, socket, head });
        answer = draining ? drainingError() : await app.fetch(request, view.address);
      } catch (error) {
        answer = errorResponse(error);
      }
      if (answer) await writeRawResponse(socket, answer);
    })().catch((error: unknown) => {
      logger.log('error', 'unhandled upgrade error', { detail: error });
      socket.destroy();
    });
  });

  function acceptClient(ws: WebSocket, stream: Duplex, request: Request, sessionId: string): void {
    const raw = nodeRawSocket(ws, SEND_LIMITS, sendCounters, tickCorker(stream));
    keepAlive(ws, options.pingIntervalMs ?? PING_INTERVAL_MS);
    // Messages can arrive while the token is being verified: keep them in order until the client exists.
    const early: { data: RawData; isBinary: boolean }[] = [];
    let client: SocketClient | undefined;
    let closed = false;
    const deliver = (data: RawData, isBinary: boolean): void => {
      const bytes = toBytes(data);
      try {
        client?.receive(isBinary ? bytes : Buffer.from(bytes).toString('utf8'));
      } catch (error) {
        // A relay bug must cost this connection, not the process and every interview in it.
        logger.log('error', 'client message failed', { detail: error });
        ws.close(CloseCode.Internal, 'internal error');
      }
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

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, bindHost, resolve));
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
