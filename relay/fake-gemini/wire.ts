/**
 * Wire format of the Gemini Live WebSocket as the real service speaks it (gemini-live.md sections 2-3):
 * server messages are BINARY frames of 2-space pretty JSON plus a trailing newline; client frames are
 * compact JSON text; close reasons are capped at 123 bytes (RFC 6455), which `ws` enforces by throwing.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Maximum close-reason length in UTF-8 bytes (125-byte control payload minus the 2-byte code). */
export const MAX_CLOSE_REASON_BYTES = 123;

/** Any base-path prefix and repeated slashes are accepted: the SDK really requests `//ws/...`. */
export const LIVE_PATH =
  /^(\/+[^/]+)*\/+ws\/google\.ai\.generativelanguage\.(v1|v1beta|v1alpha)\.GenerativeService\.(BidiGenerateContent|BidiGenerateContentConstrained)$/;

/** `POST /{v1|v1beta|v1alpha}/models/{model}:generateContent`, optionally under a base-path prefix. */
export const GENERATE_CONTENT_PATH =
  /^(?:\/+[^/]+)*?\/+(v1|v1beta|v1alpha)\/+models\/+([^/:]+):generateContent$/;

export interface LivePathMatch {
  apiVersion: 'v1' | 'v1beta' | 'v1alpha';
  method: 'BidiGenerateContent' | 'BidiGenerateContentConstrained';
}

export function matchLivePath(pathname: string): LivePathMatch | undefined {
  const m = LIVE_PATH.exec(pathname);
  if (!m) return undefined;
  return { apiVersion: m[2] as LivePathMatch['apiVersion'], method: m[3] as LivePathMatch['method'] };
}

/** Encodes one server message exactly like the real service: pretty JSON + "\n", sent as binary. */
export function encodeServerMessage(message: object): Buffer {
  return Buffer.from(`${JSON.stringify(message, null, 2)}\n`, 'utf8');
}

/** Truncates to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateCloseReason(reason: string, maxBytes = MAX_CLOSE_REASON_BYTES): string {
  if (Buffer.byteLength(reason, 'utf8') <= maxBytes) return reason;
  let out = '';
  let used = 0;
  for (const ch of reason) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (used + size > maxBytes) break;
    out += ch;
    used += size;
  }
  return out;
}

export type ParsedFrame = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/** Parses a client frame (the SDK sends text; binary JSON is tolerated). Only JSON objects are valid. */
export function parseClientFrame(data: Buffer | ArrayBuffer | Buffer[]): ParsedFrame {
  const buf = Array.isArray(data)
    ? Buffer.concat(data)
    : Buffer.isBuffer(data)
      ? data
      : Buffer.from(new Uint8Array(data));
  try {
    const value: unknown = JSON.parse(buf.toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, error: 'frame is not a JSON object' };
    }
    return { ok: true, value: value as Record<string, unknown> };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

export interface Credentials {
  /** From `?key=` (JS SDK) or the `x-goog-api-key` header (Python SDK, REST). */
  apiKey: string | undefined;
  /** From `?access_token=` (JS SDK, ephemeral) or `Authorization: Token …` (Python SDK). */
  accessToken: string | undefined;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The JS SDK does not URL-encode the key (`?key=a+b/c=&d`), so the raw query is split by hand instead of
 * through URLSearchParams, which would turn `+` into a space.
 */
export function readCredentials(rawUrl: string, headers: IncomingHttpHeaders): Credentials {
  const q = rawUrl.indexOf('?');
  const query = q >= 0 ? rawUrl.slice(q + 1) : '';
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq);
    if (!params.has(name)) params.set(name, safeDecode(pair.slice(eq + 1)));
  }
  const auth = header(headers, 'authorization');
  const token = auth?.startsWith('Token ') ? auth.slice('Token '.length).trim() : undefined;
  return {
    apiKey: params.get('key') ?? header(headers, 'x-goog-api-key'),
    accessToken: params.get('access_token') ?? token,
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function pathnameOf(rawUrl: string): string {
  const q = rawUrl.indexOf('?');
  return q >= 0 ? rawUrl.slice(0, q) : rawUrl;
}
