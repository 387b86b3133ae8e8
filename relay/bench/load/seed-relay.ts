/**
 * Baseline 3: the seed's design — an SSE relay whose downlink polls a per-session queue every 50 ms, with
 * candidate audio arriving as POSTed batches. Same framing as ours, so the same client drives both.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { interviewerFrame, type NaiveUpstream, openUpstream } from './gemini-wire';

export const SEED_POLL_MS = 50;

interface SeedSession {
  upstream: NaiveUpstream;
  queue: Buffer[];
  stream?: ServerResponse;
  timer?: ReturnType<typeof setInterval>;
}

export async function startSeedRelay(geminiUrl: string): Promise<string> {
  const sessions = new Map<string, SeedSession>();
  let nextId = 1;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const session = sessions.get(url.searchParams.get('session') ?? '');
    if (req.method === 'POST' && url.pathname === '/session') {
      const id = String(nextId++);
      let seq = 0;
      const s: SeedSession = {
        queue: [],
        upstream: openUpstream(
          geminiUrl,
          (pcm) => s.queue.push(interviewerFrame(++seq, pcm)),
          () => sessions.delete(id),
        ),
      };
      sessions.set(id, s);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
      return;
    }
    if (!session) return void res.writeHead(404).end();
    if (req.method === 'GET' && url.pathname === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      session.stream = res;
      void session.upstream.ready.then(() => res.write('event: ready\ndata: {}\n\n'));
      session.timer = setInterval(() => {
        for (const frame of session.queue.splice(0))
          res.write(`event: audio\ndata: ${frame.toString('base64')}\n\n`);
      }, SEED_POLL_MS);
      res.on('close', () => {
        clearInterval(session.timer);
        session.upstream.close();
      });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/audio') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        for (let at = 0; at + 12 <= body.byteLength; ) {
          const length = body.readUInt32LE(at + 8);
          session.upstream.sendPcm(body.subarray(at + 12, at + 12 + length));
          at += 12 + length;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
