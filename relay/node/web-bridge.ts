import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { heldResponseText, holdRequestBody } from '../core/held-bodies';
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

function headersOf(req: IncomingMessage): Headers {
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
  return headers;
}

function webRequest(url: URL, init: RequestInit, method: string | undefined): Request {
  try {
    return new Request(url, init);
  } catch {
    // TRACE, TRACK, CONNECT: methods the web's Request refuses to represent
    throw new ProtocolError('bad-request', `method ${String(method).slice(0, 20)} is not supported`);
  }
}

/** Node's IncomingMessage as a web-standard Request at `url` (see requestUrl), its body streamed. */
export function toWebRequest(req: IncomingMessage, url: URL, withBody = true): Request {
  const hasBody = withBody && req.method !== 'GET' && req.method !== 'HEAD';
  return webRequest(
    url,
    {
      method: req.method ?? 'GET',
      headers: headersOf(req),
      ...(hasBody ? { body: bodyStream(req), duplex: 'half' } : {}),
    } as RequestInit,
    req.method,
  );
}

/** Bodies declared at most this long are read off the socket before the Request is built (see held-bodies). */
export const HELD_BODY_MAX_BYTES = 64 * 1024;

/** The declared body, read whole (Node's parser delivers exactly Content-Length bytes, or fails). */
function readDeclaredBody(req: IncomingMessage, length: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const body = new Uint8Array(length);
    let at = 0;
    req.on('data', (chunk: Buffer) => {
      if (at + chunk.byteLength > length) return;
      body.set(chunk, at);
      at += chunk.byteLength;
    });
    req.on('end', () =>
      at === length ? resolve(body) : reject(new ProtocolError('bad-request', 'request body ended early')),
    );
    req.on('error', () => reject(new ProtocolError('bad-request', 'request body ended early')));
  });
}

/**
 * As {@link toWebRequest}, but a small body with a declared length is read first and held for the core
 * (`holdRequestBody`) instead of streamed: the Request is built without one. Larger or chunked bodies stream.
 */
export async function toWebRequestHeld(req: IncomingMessage, url: URL): Promise<Request> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  const small = Number.isInteger(declared) && declared > 0 && declared <= HELD_BODY_MAX_BYTES;
  if (!small || req.method === 'GET' || req.method === 'HEAD' || req.headers['transfer-encoding'])
    return toWebRequest(req, url);
  const headers = headersOf(req);
  const request = webRequest(url, { method: req.method ?? 'POST', headers }, req.method);
  holdRequestBody(request, await readDeclaredBody(req, declared));
  return request;
}

/** Writes a web Response to Node's ServerResponse, streaming the body chunk by chunk (SSE needs that). */
export async function sendWebResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const text = heldResponseText(response);
  if (text !== undefined) {
    // One write with its length (no chunked framing).
    headers['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(response.status, headers).end(text);
    return;
  }
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
