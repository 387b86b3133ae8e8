import { ProtocolError } from '../protocol/protocol-error';
import { errorResponse } from './http-responses';
import type { RelayMetrics } from './relay-metrics';

const encoder = new TextEncoder();

/** Constant-time comparison of two strings (a token check must not leak its prefix through timing). */
function sameSecret(given: string, expected: string): boolean {
  const a = encoder.encode(given);
  const b = encoder.encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * `GET /metrics` in the Prometheus text format, behind `Authorization: Bearer <METRICS_TOKEN>`. Without a
 * configured token the endpoint does not exist (404 from whatever serves the path next). The exposition
 * carries counts by fixed labels only: no session ids, tokens or keys.
 */
export function serveMetrics(request: Request, token: string, metrics: RelayMetrics): Response | undefined {
  if (!token || new URL(request.url).pathname !== '/metrics') return undefined;
  const auth = request.headers.get('authorization') ?? '';
  const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (!sameSecret(given, token)) {
    const response = errorResponse(new ProtocolError('unauthorized', 'metrics need a bearer token'));
    response.headers.set('www-authenticate', 'Bearer');
    return response;
  }
  if (request.method !== 'GET') return errorResponse(new ProtocolError('bad-request', 'GET /metrics only'));
  return new Response(metrics.registry.render(), {
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
  });
}
