import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ProtocolError } from '../protocol/protocol-error';

/** After the core stops reading a body (too large), up to this much more is drained so the answer gets through. */
const MAX_DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * The request body as a web stream. Cancelling it (the core refusing an oversized body) drains and discards
 * the rest instead of destroying the socket, so the client still receives the 413.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on('end', () => {
        if (open) controller.close();
        open = false;
      });
      req.on('error', (error) => {
        if (open) controller.error(error);
        open = false;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      open = false;
      let drained = 0;
      req.on('data', (chunk: Buffer) => {
        drained += chunk.byteLength;
        if (drained > MAX_DRAIN_BYTES) req.destroy();
      });
      req.resume();
    },
  });
}

/** Node's IncomingMessage as a web-standard Request at `url` (see requestUrl). */
export function toWebRequest(req: IncomingMessage, url: URL, withBody = true): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      try {
        headers.append(name, item);
      } catch {
        // a value Headers refuses (Node's parser is laxer): the core never reads such a header anyway
      }
    }
  }
  const hasBody = withBody && req.method !== 'GET' && req.method !== 'HEAD';
  try {
    return new Request(url, {
      method: req.method ?? 'GET',
      headers,
      ...(hasBody ? { body: bodyStream(req), duplex: 'half' } : {}),
    } as RequestInit);
  } catch {
    // TRACE, TRACK, CONNECT: methods the web's Request refuses to represent
    throw new ProtocolError('bad-request', `method ${String(req.method).slice(0, 20)} is not supported`);
  }
}

/** Writes a web Response to Node's ServerResponse, streaming the body chunk by chunk (SSE needs that). */
export async function sendWebResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  res.flushHeaders();
  const reader = response.body.getReader();
  const stop = (): void => {
    void reader.cancel().catch(() => {});
  };
  res.on('close', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve));
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    res.off('close', stop);
  }
}

/** An answer to an upgrade request the relay will not complete (a 4xx), written straight onto the socket. */
export async function writeRawResponse(socket: Duplex, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
  response.headers.forEach((value, name) => {
    lines.push(`${name}: ${value}`);
  });
  lines.push(`content-length: ${body.byteLength}`, 'connection: close', '', '');
  if (socket.writable) socket.end(Buffer.concat([Buffer.from(lines.join('\r\n')), body]));
  else socket.destroy();
}
