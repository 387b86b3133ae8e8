import { ProtocolError } from '../protocol/protocol-error';
import { hostMatches } from './host-pattern';

/** Host names a relay bound to loopback answers to by default. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const;

export interface HostPolicyOptions {
  /** `PUBLIC_URL`'s origin: its host is allowed, and its origin counts as the relay's own. */
  publicUrl: string | undefined;
  /** `ALLOWED_HOSTS` entries (host names or `*.` patterns, no ports). */
  allowedHosts: readonly string[];
  /** The process listens on loopback only (Node): without a configured list, only loopback names. */
  loopbackBound: boolean;
}

/**
 * Which `Host` names the relay answers to. A page on a DNS-rebinding domain (evil.test resolving to
 * 127.0.0.1) is same-origin with its own requests, so the origin rule cannot stop it: the Host can.
 * With `PUBLIC_URL` or `ALLOWED_HOSTS`, only those; else a loopback-bound relay answers loopback names only;
 * else (a public bind with nothing configured, or Workers, where routes already pick the hosts) any.
 */
export class HostPolicy {
  readonly #allowed: readonly string[] | undefined;

  constructor(options: HostPolicyOptions) {
    const configured = [...options.allowedHosts];
    if (options.publicUrl) configured.push(new URL(options.publicUrl).hostname);
    if (configured.length > 0) this.#allowed = configured;
    else if (options.loopbackBound) this.#allowed = LOOPBACK_HOSTS;
  }

  /** Throws `forbidden-host` (403) for a host the relay does not answer to. */
  check(url: URL): void {
    if (!this.#allowed) return;
    const hostname = url.hostname.toLowerCase();
    if (this.#allowed.some((pattern) => pattern === '*' || hostMatches(pattern, hostname))) return;
    throw new ProtocolError('forbidden-host', 'This relay does not answer to that host name.');
  }
}
