import { ProtocolError } from '../protocol/protocol-error';
import { originMatches } from './host-pattern';

/**
 * Which pages may use the relay. Browsers send `Origin` on cross-origin requests, POSTs and WebSocket
 * upgrades; a request without one (server-to-server, curl) is not a browser page and is allowed.
 * The relay's own origin is always allowed: the request's (as the adapter saw it, with a trusted proxy's
 * `X-Forwarded-Proto`/`Host`) and `PUBLIC_URL`'s. Entries may be `https://*.example.com` patterns.
 */
export class OriginPolicy {
  constructor(
    private readonly allowed: '*' | readonly string[],
    private readonly publicUrl?: string,
  ) {}

  /** The origin to echo in CORS headers, or null for a request with no Origin. Throws for a foreign one. */
  check(request: Request): string | null {
    const origin = request.headers.get('origin');
    if (origin === null) return null;
    if (this.allowed === '*' || this.allowed.some((pattern) => originMatches(pattern, origin))) return origin;
    if (origin === new URL(request.url).origin || origin === this.publicUrl) return origin;
    throw new ProtocolError('forbidden-origin', 'This page is not allowed to use this relay.');
  }

  corsHeaders(origin: string | null): Record<string, string> {
    if (origin === null) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'false',
      'access-control-expose-headers': 'retry-after',
      vary: 'Origin',
    };
  }

  preflightHeaders(origin: string | null): Record<string, string> {
    return {
      ...this.corsHeaders(origin),
      'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
      'access-control-allow-headers': 'content-type, authorization, last-event-id',
      'access-control-max-age': '600',
    };
  }
}
