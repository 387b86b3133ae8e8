/** The front door's settings: origin and host patterns, PUBLIC_URL, FRAME_ANCESTORS, RELAY_SECRET strength. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProtocolError } from '../protocol/protocol-error';
import { checkSecret, configFromEnv, parseFrameAncestors, parsePublicUrl } from './config';
import { hostMatches, originMatches } from './host-pattern';
import { HostPolicy } from './host-policy';
import { OriginPolicy } from './origin-policy';
import { demoPageHeaders } from './page-headers';

describe('origin patterns', () => {
  for (const [origin, allowed] of [
    ['https://a.example.com', true],
    ['https://a.b.example.com', true],
    ['https://example.com', false],
    ['https://evilexample.com', false],
    ['https://a.example.com.evil.test', false],
    ['http://a.example.com', false],
    ['https://a.example.com:8443', false],
    ['https://a_b.example.com', false],
    ['null', false],
  ] as const) {
    it(`https://*.example.com ${allowed ? 'allows' : 'refuses'} ${origin}`, () => {
      assert.equal(originMatches('https://*.example.com', origin), allowed);
    });
  }

  it('the policy echoes a matching origin and refuses the rest', () => {
    const policy = new OriginPolicy(['https://*.lms.test', 'https://site.test'], 'https://relay.test');
    const from = (origin: string) =>
      new Request('http://relay.internal/v1/sessions', { method: 'POST', headers: { origin } });
    assert.equal(policy.check(from('https://course1.lms.test')), 'https://course1.lms.test');
    assert.equal(
      policy.check(from('https://relay.test')),
      'https://relay.test',
      'PUBLIC_URL is its own origin',
    );
    assert.throws(() => policy.check(from('https://lms.test')), ProtocolError);
  });

  it('host patterns match whole labels', () => {
    assert.ok(hostMatches('*.example.com', 'relay.example.com'));
    assert.ok(!hostMatches('*.example.com', 'example.com'));
    assert.ok(!hostMatches('*.example.com', 'badexample.com'));
  });
});

describe('hosts', () => {
  const refused = (policy: HostPolicy, url: string) => {
    assert.throws(
      () => policy.check(new URL(url)),
      (error: unknown) => (error as ProtocolError).code === 'forbidden-host',
    );
  };

  it('a loopback-bound relay answers loopback names only', () => {
    const policy = new HostPolicy({ publicUrl: undefined, allowedHosts: [], loopbackBound: true });
    for (const url of ['http://localhost:8787/', 'http://127.0.0.1:1/', 'http://[::1]:8787/'])
      policy.check(new URL(url));
    refused(policy, 'http://evil.test:8787/');
    refused(policy, 'http://127.0.0.1.nip.io/');
  });

  it('PUBLIC_URL and ALLOWED_HOSTS replace the default', () => {
    const policy = new HostPolicy({
      publicUrl: 'https://interview.example.com',
      allowedHosts: ['*.internal.test'],
      loopbackBound: true,
    });
    policy.check(new URL('http://interview.example.com/'));
    policy.check(new URL('http://relay-1.internal.test/'));
    refused(policy, 'http://localhost:8787/');
  });

  it('a public bind with nothing configured answers any host', () => {
    new HostPolicy({ publicUrl: undefined, allowedHosts: [], loopbackBound: false }).check(
      new URL('http://any.test/'),
    );
  });
});

describe('settings', () => {
  it('PUBLIC_URL is reduced to its origin; anything else is refused', () => {
    assert.equal(parsePublicUrl('https://relay.example.com/some/path'), 'https://relay.example.com');
    assert.equal(parsePublicUrl(''), undefined);
    assert.throws(() => parsePublicUrl('relay.example.com'), /PUBLIC_URL/);
    assert.throws(() => parsePublicUrl('ftp://relay.example.com'), /PUBLIC_URL/);
  });

  it('FRAME_ANCESTORS lists sources and cannot end the directive', () => {
    assert.equal(parseFrameAncestors(undefined), "'self'");
    assert.equal(parseFrameAncestors("'self', https://*.lms.test"), "'self' https://*.lms.test");
    assert.throws(() => parseFrameAncestors("'self'; script-src *"), /FRAME_ANCESTORS/);
  });

  it('a RELAY_SECRET under 32 bytes is refused with a real key and a warning with the simulator', () => {
    assert.throws(
      () => configFromEnv({ GEMINI_API_KEY: 'real', RELAY_SECRET: 'short' }, { relaySecret: 'x' }),
      /RELAY_SECRET is 5 bytes/,
    );
    assert.match(checkSecret('short', true) ?? '', /at least 32/);
    assert.equal(checkSecret('x'.repeat(32), false), undefined);
    const config = configFromEnv({ RELAY_SECRET: 'short' }, { relaySecret: 'x' });
    assert.equal(config.simulated, true);
  });

  it("the demo page's CSP hashes its inline scripts and carries FRAME_ANCESTORS", async () => {
    const headers = await demoPageHeaders(
      '<script type="module">go()</script><script src="/x.js"></script>',
      'https://lms.test',
    );
    const csp = headers['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self' blob: 'sha256-[A-Za-z0-9+/=]{44}'(;|$)/);
    assert.match(csp, /frame-ancestors https:\/\/lms\.test/);
    assert.equal(headers['referrer-policy'], 'no-referrer');
    assert.equal('access-control-allow-origin' in headers, false);
  });
});
