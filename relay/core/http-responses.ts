import { concatBytes } from '../protocol/bytes';
import { httpStatusFor } from '../protocol/close-codes';
import type { ErrorBody } from '../protocol/messages';
import { ProtocolError } from '../protocol/protocol-error';
import { heldRequestBody, textResponse } from './held-bodies';

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return textResponse(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** The one error shape every HTTP endpoint answers with. Unknown errors become a bland `internal`. */
export function errorResponse(error: unknown): Response {
  const known =
    error instanceof ProtocolError
      ? error
      : new ProtocolError('internal', 'The relay hit an unexpected error.', true);
  const body: ErrorBody = { error: { code: known.code, message: known.message, retryable: known.retryable } };
  const headers: Record<string, string> = {};
  if (known.code === 'rate-limited' || known.code === 'session-limit') headers['retry-after'] = '10';
  return json(body, httpStatusFor(known.code), headers);
}

/** Bodies up to this size are read and dropped when a request is refused before its body was needed. */
const DISCARD_LIMIT_BYTES = 64 * 1024;

/**
 * A request refused before its body was read: consume a small body so the connection closes cleanly (a
 * socket closed with unread bytes is reset, and the client may lose the answer); cancel a large one.
 */
export async function discardBody(request: Request): Promise<void> {
  if (!request.body || request.bodyUsed) return;
  const declared = Number(request.headers.get('content-length') ?? 'NaN');
  try {
    if (declared <= DISCARD_LIMIT_BYTES) await request.arrayBuffer();
    else await request.body.cancel();
  } catch {
    // the client went away: nothing to protect
  }
}

/** Reads a request body up to `limit` bytes, refusing larger ones before buffering them whole. */
export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) {
    await request.body?.cancel();
    throw new ProtocolError('payload-too-large', `request body over ${limit} bytes`);
  }
  const held = heldRequestBody(request);
  if (held) {
    if (held.byteLength > limit)
      throw new ProtocolError('payload-too-large', `request body over ${limit} bytes`);
    return held;
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new ProtocolError('payload-too-large', `request body over ${limit} bytes`);
    }
    chunks.push(value);
  }
  return concatBytes(chunks);
}

export async function readJson(request: Request, limit: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new ProtocolError('bad-request', 'expected Content-Type: application/json');
  }
  const bytes = await readBody(request, limit);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ProtocolError('bad-request', 'request body is not valid JSON');
  }
}

/** `Authorization: Bearer <token>`, or `?token=` where a browser API cannot set headers (WebSocket, EventSource). */
export function tokenFrom(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (header?.toLowerCase().startsWith('bearer ')) return header.slice(7).trim();
  return new URL(request.url).searchParams.get('token');
}
