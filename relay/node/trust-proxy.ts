import type { IncomingMessage } from 'node:http';

/**
 * `TRUST_PROXY`: which reverse proxies in front of the relay are believed about the client. A number is
 * how many proxy hops to trust (`1`: one nginx/Caddy in front); a list names the proxies' addresses.
 * Unset: nobody; `X-Forwarded-*` headers are ignored (a client could write them).
 */
export type TrustProxy = { hops: number } | { addresses: ReadonlySet<string> } | undefined;

export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const text = raw?.trim() ?? '';
  if (text === '' || text === '0' || text === 'false') return undefined;
  if (text === 'true') return { hops: 1 };
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const addresses = text.split(',').map((item) => normalizeAddress(item.trim()));
  if (addresses.some((address) => !/^[0-9a-f:.]+$/i.test(address)))
    throw new TypeError('TRUST_PROXY must be a hop count or a comma-separated list of proxy IP addresses');
  return { addresses: new Set(addresses) };
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is `10.0.0.1`. */
function normalizeAddress(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}

function headerList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export interface ClientView {
  /** The client's address: the socket peer, or the right-most untrusted `X-Forwarded-For` entry. */
  address: string;
  /** The peer is a trusted proxy, so its `X-Forwarded-Proto`/`-Host` describe what the client asked for. */
  viaTrustedProxy: boolean;
}

/**
 * Who the client is. The chain is `X-Forwarded-For` entries then the socket peer; walking from the right,
 * trusted proxies are skipped and the first address left is the client. The left-most entries are whatever
 * the client wrote, so they are never taken unless every proxy in between is trusted.
 */
export function clientView(req: IncomingMessage, trust: TrustProxy): ClientView {
  const peer = normalizeAddress(req.socket.remoteAddress ?? 'unknown');
  if (!trust) return { address: peer, viaTrustedProxy: false };
  const chain = [...headerList(req.headers['x-forwarded-for']).map(normalizeAddress), peer];
  if ('hops' in trust) {
    const index = Math.max(0, chain.length - 1 - trust.hops);
    return { address: chain[index] as string, viaTrustedProxy: trust.hops > 0 };
  }
  if (!trust.addresses.has(peer)) return { address: peer, viaTrustedProxy: false };
  let index = chain.length - 1;
  while (index > 0 && trust.addresses.has(chain[index] as string)) index -= 1;
  return { address: chain[index] as string, viaTrustedProxy: true };
}

/** The right-most value of a forwarded header (what the nearest proxy set), or undefined. */
export function forwardedValue(req: IncomingMessage, name: string): string | undefined {
  return headerList(req.headers[name]).at(-1);
}
