/**
 * The fake Gemini Live service: one `node:http` server that upgrades Live WebSocket paths (through a
 * noServer `ws` WebSocketServer) and serves REST generateContent. Everything the tests need to observe
 * (connections, frames, REST requests) is recorded.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { Conversation, HandleRegistry } from './conversation';
import type { Interviewer } from './interviewer';
import { LiveConnection } from './live-connection';
import { type ResolvedOptions, resolveOptions } from './options';
import { handleRest } from './rest-generate-content';
import { createScriptedInterviewer } from './scripted-interviewer';
import { createSimulatedInterviewer } from './simulated-interviewer';
import type { FakeConnection, FakeGemini, FakeGeminiOptions, RestRequest } from './types';
import { matchLivePath, pathnameOf, readCredentials } from './wire';

export async function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
  const opts = resolveOptions(options);
  const connections: LiveConnection[] = [];
  const untaken: LiveConnection[] = [];
  const waiters: ((c: FakeConnection) => void)[] = [];
  const restRequests: RestRequest[] = [];
  const handles = new HandleRegistry();
  let nextConnectionId = 1;
  let nextConversationId = 1;

  const createInterviewer = (setup: Record<string, unknown>): Interviewer =>
    opts.mode === 'simulator'
      ? createSimulatedInterviewer({
          setup,
          ...(opts.interviewsPath ? { interviewsPath: opts.interviewsPath } : {}),
          ...(opts.clipsDir ? { clipsDir: opts.clipsDir } : {}),
          log: opts.log,
        })
      : createScriptedInterviewer(opts.script);

  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((req, res) => {
    handleRest(req, res, opts, restRequests).catch((err: unknown) => {
      opts.log({ event: 'rest.error', error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const rawUrl = req.url ?? '/';
    const path = pathnameOf(rawUrl);
    const match = matchLivePath(path);
    if (!match) return rejectUpgrade(socket, 404, opts, path);
    if (opts.rejectUpgradesWith !== undefined)
      return rejectUpgrade(socket, opts.rejectUpgradesWith, opts, path);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new LiveConnection(ws, {
        id: nextConnectionId++,
        path,
        apiVersion: match.apiVersion,
        credentials: readCredentials(rawUrl, req.headers),
        headers: req.headers,
        options: opts,
        handles,
        createConversation: (setup) => new Conversation(nextConversationId++, createInterviewer(setup)),
      });
      opts.log({ event: 'connection', connection: connection.id, path, method: match.method });
      connections.push(connection);
      if (!opts.retainHistory) {
        void connection.closed.then(() => {
          for (const list of [connections, untaken]) {
            const i = list.indexOf(connection);
            if (i >= 0) list.splice(i, 1);
          }
        });
      }
      const waiter = waiters.shift();
      if (waiter) waiter(connection);
      else untaken.push(connection);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;

  return {
    baseUrl: `http://${host}:${port}`,
    connections,
    restRequests,
    expireHandles: () => handles.expireAll(),
    nextConnection: () => {
      const ready = untaken.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiters.push(resolve));
    },
    close: async () => {
      for (const c of connections) c.drop();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function rejectUpgrade(socket: Duplex, status: number, opts: ResolvedOptions, path: string): void {
  opts.log({ event: 'upgrade.rejected', status, path });
  const body = JSON.stringify({ error: { code: status, message: `Rejected by the fake (${status})` } });
  socket.end(
    `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Rejected'}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The offline simulated interviewer for the relay's `npm start` when no GEMINI_API_KEY is set. */
export function startSimulator(options: Omit<FakeGeminiOptions, 'mode'> = {}): Promise<FakeGemini> {
  return startFakeGemini({
    audioPace: 1,
    chunkMs: 40,
    responseDelayMs: 350,
    retainHistory: false,
    ...options,
    mode: 'simulator',
  });
}
