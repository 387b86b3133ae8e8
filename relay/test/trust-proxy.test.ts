/** TRUST_PROXY: the client address is the right-most untrusted X-Forwarded-For entry, never the first. */
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { clientView, parseTrustProxy } from '../node/trust-proxy';

const req = (peer: string, xff?: string) =>
  ({
    headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
    socket: { remoteAddress: peer },
  }) as unknown as IncomingMessage;

describe('TRUST_PROXY', () => {
  for (const [label, trust, peer, xff, address, trusted] of [
    ['unset ignores X-Forwarded-For', undefined, '10.0.0.9', '6.6.6.6', '10.0.0.9', false],
    ['one hop takes the entry the proxy appended', '1', '10.0.0.9', '6.6.6.6, 1.2.3.4', '1.2.3.4', true],
    ['two hops skip both proxies', '2', '10.0.0.9', '6.6.6.6, 1.2.3.4, 10.0.0.8', '1.2.3.4', true],
    ['more hops than entries take the left-most there is', '3', '10.0.0.9', '1.2.3.4', '1.2.3.4', true],
    ['"true" is one hop (compatibility)', 'true', '10.0.0.9', '6.6.6.6, 1.2.3.4', '1.2.3.4', true],
    [
      'an address list skips the trusted proxies from the right',
      '10.0.0.9,10.0.0.8',
      '10.0.0.9',
      '6.6.6.6, 1.2.3.4, 10.0.0.8',
      '1.2.3.4',
      true,
    ],
    [
      'an address list ignores headers from an untrusted peer',
      '10.0.0.9',
      '5.5.5.5',
      '1.2.3.4',
      '5.5.5.5',
      false,
    ],
    ['an IPv4-mapped peer matches its IPv4 entry', '10.0.0.9', '::ffff:10.0.0.9', '1.2.3.4', '1.2.3.4', true],
    [
      'a client spoofing many entries still gets its real address',
      '1',
      '10.0.0.9',
      '9.9.9.9, 8.8.8.8, 1.2.3.4',
      '1.2.3.4',
      true,
    ],
  ] as const) {
    it(label, () => {
      assert.deepEqual(clientView(req(peer, xff), parseTrustProxy(trust)), {
        address,
        viaTrustedProxy: trusted,
      });
    });
  }

  it('refuses a setting that is neither a hop count nor addresses', () => {
    assert.throws(() => parseTrustProxy('nginx'), /TRUST_PROXY/);
  });
});
