import { base64ToBytes, bytesToBase64 } from '../protocol/base64';
import { ProtocolError } from '../protocol/protocol-error';

/**
 * Short-lived, session-bound credentials: `base64url(claims).base64url(HMAC-SHA256(claims))`.
 * The claims carry what a session needs to start (interview id, variables), so whichever process or
 * Durable Object receives the first connection can build the session without shared storage.
 */
export interface TokenClaims {
  /** Session id. */
  sid: string;
  /** Interview template id. */
  int: string;
  /** Checked template variables. */
  var: Record<string, string>;
  /** Expiry of this token, in seconds since the epoch. */
  exp: number;
  /** Hard end of the session (no token is issued past it), in seconds since the epoch. */
  end: number;
  /** The page origin that created the session (absent: created without an Origin, e.g. server-side). */
  org?: string;
  /** Who created it (a client address key), for the per-client concurrent session cap. */
  cli?: string;
}

/** What a token is checked against besides its signature. */
export interface VerifyContext {
  /** The request's `Origin` header: a browser request from another origin than the creator's is refused. */
  origin?: string | null;
  nowSec?: number;
}

const encoder = new TextEncoder();
/** Strict base64url: `atob` would also take spaces and `+/=`, letting one token be spelled many ways. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function toBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/');
  return base64ToBytes(padded + '='.repeat((4 - (padded.length % 4)) % 4));
}

/** Verified tokens remembered per signer (oldest forgotten first). */
export const VERIFIED_TOKEN_CACHE = 4096;

export class TokenSigner {
  readonly #key: Promise<CryptoKey>;
  /**
   * Tokens whose signature already checked out. An SSE client presents the same token with every audio
   * POST (25 a second); the HMAC of a given string under a given key never changes, so it is computed once.
   * Session binding and expiry are still checked on every call.
   */
  readonly #verified = new Map<string, TokenClaims>();

  constructor(secret: string) {
    this.#key = crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
  }

  async sign(claims: TokenClaims): Promise<string> {
    const body = toBase64Url(encoder.encode(JSON.stringify(claims)));
    const mac = await crypto.subtle.sign('HMAC', await this.#key, encoder.encode(body));
    return `${body}.${toBase64Url(new Uint8Array(mac))}`;
  }

  /** Verifies signature, session binding and expiry. Throws ProtocolError('unauthorized'). */
  async verify(
    token: string | null | undefined,
    sessionId: string,
    context: VerifyContext | number = {},
  ): Promise<TokenClaims> {
    const { origin = null, nowSec = Date.now() / 1000 } =
      typeof context === 'number' ? { nowSec: context } : context;
    const fail = (why: string): never => {
      throw new ProtocolError('unauthorized', why);
    };
    if (!token || token.length > 4096) return fail('missing session token');
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined || !BASE64URL.test(body) || !BASE64URL.test(mac))
      return fail('malformed session token');
    let claims = this.#verified.get(token);
    if (!claims) {
      let valid = false;
      try {
        const macBytes = fromBase64Url(mac);
        valid = await crypto.subtle.verify('HMAC', await this.#key, macBytes, encoder.encode(body));
        if (valid) claims = JSON.parse(new TextDecoder().decode(fromBase64Url(body))) as TokenClaims;
      } catch {
        return fail('malformed session token');
      }
      if (!valid || typeof claims !== 'object' || claims === null) return fail('invalid session token');
      this.#verified.set(token, Object.freeze(claims));
      if (this.#verified.size > VERIFIED_TOKEN_CACHE) {
        this.#verified.delete(this.#verified.keys().next().value as string);
      }
    }
    if (claims.sid !== sessionId) return fail('token belongs to another session');
    if (typeof claims.exp !== 'number' || claims.exp < nowSec) return fail('session token expired');
    // A token copied to another (even allowed) origin is useless there; pages without Origin (EventSource
    // same-origin GETs, server-side clients) cannot carry a foreign one.
    if (origin !== null && claims.org !== undefined && origin !== claims.org)
      return fail('token belongs to another origin');
    return claims;
  }
}

/** 128 random bits, base64url: unguessable session ids. */
export function newSessionId(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}
