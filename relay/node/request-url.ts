import type { IncomingMessage } from 'node:http';
import { ProtocolError } from '../protocol/protocol-error';
import { type ClientView, forwardedValue } from './trust-proxy';

/** A Host: a DNS name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const MAX_TARGET_CHARS = 8 * 1024;

/**
 * The URL the client asked for, from the request target and `Host` (or, from a trusted proxy,
 * `X-Forwarded-Host`/`-Proto`). Anything that is not an origin-form target on a well-formed host is a
 * client error (`bad-request`), never an exception that escapes: `//evil.test/x`, `*`, absolute-form,
 * a Host with spaces, `@`, a path or a bad port.
 */
export function requestUrl(req: IncomingMessage, view: ClientView): URL {
  const target = req.url ?? '/';
  if (!target.startsWith('/') || target.length > MAX_TARGET_CHARS)
    throw new ProtocolError('bad-request', 'request target must be a path');
  const forwardedHost = view.viaTrustedProxy ? forwardedValue(req, 'x-forwarded-host') : undefined;
  const forwardedProto = view.viaTrustedProxy ? forwardedValue(req, 'x-forwarded-proto') : undefined;
  const host = forwardedHost ?? req.headers.host ?? 'localhost';
  if (!HOST.test(host)) throw new ProtocolError('bad-request', 'malformed Host header');
  const proto = forwardedProto?.toLowerCase() === 'https' ? 'https' : 'http';
  let url: URL;
  try {
    // Concatenated, not resolved against a base: a target like `//evil.test/` stays a path here.
    url = new URL(`${proto}://${host.toLowerCase()}${target}`);
  } catch {
    throw new ProtocolError('bad-request', 'malformed request target');
  }
  const port = url.port === '' ? 0 : Number(url.port);
  if (port > 65_535) throw new ProtocolError('bad-request', 'malformed Host header');
  return url;
}
