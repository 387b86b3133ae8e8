/**
 * Property-based fuzzing (fast-check) of every decoder and parser that reads what a client sends: no input
 * escapes as anything but a typed ProtocolError (or a typed 4xx answer), and what is accepted is well-formed.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { makeConfig } from '../core/config';
import { originMatches } from '../core/host-pattern';
import { bundledTemplates, checkVariables, findTemplate } from '../core/interview-templates';
import { createLogger } from '../core/logger';
import { RelayApp } from '../core/relay-app';
import { lastEventIdOf } from '../core/session-host';
import { TokenSigner } from '../core/session-token';
import { requestUrl } from '../node/request-url';
import { clientView, parseTrustProxy } from '../node/trust-proxy';
import {
  AudioKind,
  decodeAudioBatch,
  decodeAudioFrame,
  decodeClientMessage,
  decodeWebSocketMessage,
  encodeAudioFrame,
} from '../protocol/index';
import { ProtocolError } from '../protocol/protocol-error';

const RUNS = { numRuns: 400 };

/** Runs `body`; passes when it returns or throws a ProtocolError, fails on any other exception. */
function typed(body: () => unknown): boolean {
  try {
    body();
    return true;
  } catch (error) {
    if (error instanceof ProtocolError) return true;
    throw error;
  }
}

/** Bytes that look like audio frames often enough to reach the deeper checks. */
const frameish = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc
    .record({
      kind: fc.integer({ min: 0, max: 3 }),
      version: fc.integer({ min: 0, max: 2 }),
      seq: fc.nat(),
      length: fc.oneof(fc.nat({ max: 400 }), fc.nat()),
      extra: fc.integer({ min: -20, max: 20 }),
    })
    .map(({ kind, version, seq, length, extra }) => {
      const size = Math.max(12, 12 + Math.min(length, 400) + extra);
      const out = new Uint8Array(size);
      const view = new DataView(out.buffer);
      view.setUint8(0, kind);
      view.setUint8(1, version);
      view.setUint32(4, seq, true);
      view.setUint32(8, length, true);
      return out;
    }),
);

/** Strings that are often JSON objects with a known `type`. */
const messageish = fc.oneof(
  fc.string(),
  fc.json(),
  fc
    .record({
      type: fc.constantFrom('text', 'end', 'ping', 'mute', 'unmute', 'control', 'sudo', '__proto__'),
      text: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      action: fc.oneof(fc.string(), fc.constant('repeat'), fc.constant('skip')),
    })
    .map((value) => JSON.stringify(value)),
);

describe('fuzzing the decoders and parsers', () => {
  it('audio frames: decoded or a typed error; a decoded frame is even-length candidate or interviewer audio', () => {
    fc.assert(
      fc.property(frameish, (bytes) =>
        typed(() => {
          const frame = decodeAudioFrame(bytes);
          assert.ok(frame.kind === AudioKind.Candidate || frame.kind === AudioKind.Interviewer);
          assert.equal(frame.pcm.byteLength % 2, 0);
        }),
      ),
      RUNS,
    );
  });

  it('audio batches: decoded or a typed error; round-trips what was encoded', () => {
    fc.assert(
      fc.property(fc.array(frameish, { maxLength: 5 }), (frames) =>
        typed(() => decodeAudioBatch(Uint8Array.from(frames.flatMap((frame) => [...frame])))),
      ),
      RUNS,
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat({ max: 200 })), { maxLength: 5 }), (specs) => {
        const encoded = specs.map(([seq, half]) =>
          encodeAudioFrame(AudioKind.Candidate, seq, new Uint8Array(half * 2)),
        );
        const decoded = decodeAudioBatch(Uint8Array.from(encoded.flatMap((frame) => [...frame])));
        assert.deepEqual(
          decoded.map((frame) => [frame.seq, frame.pcm.byteLength / 2]),
          specs,
        );
      }),
      RUNS,
    );
  });

  it('client messages: decoded or a typed error, over both transports', () => {
    fc.assert(
      fc.property(messageish, (text) => typed(() => decodeClientMessage(text))),
      RUNS,
    );
    fc.assert(
      fc.property(fc.oneof(messageish, frameish), (data) => typed(() => decodeWebSocketMessage(data))),
      RUNS,
    );
  });

  it('session tokens: anything but a token the relay signed is refused as unauthorized', async () => {
    const signer = new TokenSigner('fuzzing-secret-of-at-least-32-bytes!');
    const good = await signer.sign({ sid: 'session-a', int: 'frontend-mid', var: {}, exp: 2e9, end: 2e9 });
    const [body, mac] = good.split('.') as [string, string];
    const tokenish = fc.oneof(
      fc.string(),
      fc.tuple(fc.base64String(), fc.base64String()).map(([a, b]) => `${a}.${b}`),
      fc.string().map((tail) => `${body}.${mac}${tail}`),
      fc.json().map((json) => `${Buffer.from(json).toString('base64url')}.${mac}`),
    );
    await fc.assert(
      fc.asyncProperty(tokenish, fc.option(fc.string()), async (token, origin) => {
        if (token === good) return true;
        await assert.rejects(signer.verify(token, 'session-a', { origin }), (error: unknown) => {
          assert.ok(error instanceof ProtocolError && error.code === 'unauthorized', String(error));
          return true;
        });
        return true;
      }),
      RUNS,
    );
  });

  it('cursors: any Last-Event-ID or ?lastEventId= reads as a non-negative integer', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (raw, inHeader) => {
        const request = inHeader
          ? new Request('http://relay.test/v1/x', {
              headers: { 'last-event-id': raw.replace(/[\r\n\0]/g, '') },
            })
          : new Request(`http://relay.test/v1/x?lastEventId=${encodeURIComponent(raw)}`);
        const cursor = lastEventIdOf(request);
        assert.ok(Number.isSafeInteger(cursor) && cursor >= 0, String(cursor));
      }),
      RUNS,
    );
  });

  it('template variables: own declared properties only, short clean strings, or a typed error', () => {
    const template = findTemplate(bundledTemplates, 'frontend-mid');
    const key = fc.oneof(
      fc.string(),
      fc.constantFrom('candidateName', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'),
    );
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(key, fc.anything()), fc.anything()), (variables) =>
        typed(() => {
          const checked = checkVariables(template, variables);
          for (const [name, value] of Object.entries(checked)) {
            assert.ok(Object.hasOwn(template.variables, name), name);
            assert.equal(typeof value, 'string');
          }
        }),
      ),
      RUNS,
    );
  });

  it('create bodies, paths and headers through the front door: always a typed answer under 500', async () => {
    const logs: string[] = [];
    const config = makeConfig({ geminiApiKey: 'fuzz-key', allowedOrigins: ['http://allowed.test'] });
    const app = new RelayApp({
      config,
      catalog: bundledTemplates,
      logger: createLogger((line) => logs.push(line), []),
      signer: new TokenSigner(config.relaySecret),
      router: {
        fetch: async () => new Response(null, { status: 204 }),
        activeSessions: () => 0,
      },
      sockets: { accept: async () => undefined, refuse: async () => undefined },
    });
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record(
          {
            interview: fc.oneof(fc.constantFrom('frontend-mid', '__proto__', 'constructor'), fc.string()),
            variables: fc.anything(),
            model: fc.string(),
          },
          { requiredKeys: [] },
        )
        .map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', ''),
        fc.option(fc.constantFrom('http://allowed.test', 'https://evil.test', 'null', 'http://relay.test')),
        async (text, type, origin) => {
          const headers: Record<string, string> = type ? { 'content-type': type } : {};
          if (origin) headers.origin = origin;
          const answer = await app.fetch(
            new Request('http://relay.test/v1/sessions', { method: 'POST', headers, body: text }),
          );
          assert.ok(answer && answer.status < 500, `${answer?.status} for ${text.slice(0, 80)}`);
        },
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.webPath(),
        fc.constantFrom('GET', 'POST', 'DELETE', 'OPTIONS', 'PATCH'),
        async (path, method) => {
          const answer = await app.fetch(new Request(`http://relay.test${path}`, { method }));
          assert.ok(answer === undefined || answer.status < 500, `${answer?.status} for ${method} ${path}`);
        },
      ),
      RUNS,
    );
    assert.deepEqual(
      logs.filter((line) => line.includes('"level":"error"')),
      [],
    );
  });

  it('request targets, Host and X-Forwarded-* on Node: a URL or a typed 400, never an exception', () => {
    const trust = [
      undefined,
      parseTrustProxy('1'),
      parseTrustProxy('2'),
      parseTrustProxy('10.0.0.1,10.0.0.2'),
    ];
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webPath(), fc.constant('*'), fc.webUrl()),
        fc.option(fc.oneof(fc.string(), fc.domain(), fc.constant('[::1]:80'))),
        fc.option(fc.string()),
        fc.option(fc.string()),
        fc.constantFrom(...trust),
        (target, host, forwardedFor, forwardedHost, trusted) => {
          const headers: Record<string, string> = {};
          if (host !== null) headers.host = host;
          if (forwardedFor !== null) headers['x-forwarded-for'] = forwardedFor;
          if (forwardedHost !== null) headers['x-forwarded-host'] = forwardedHost;
          const req = {
            url: target,
            headers,
            socket: { remoteAddress: '10.0.0.1' },
          } as unknown as IncomingMessage;
          const view = clientView(req, trusted);
          assert.equal(typeof view.address, 'string');
          return typed(() => {
            const url = requestUrl(req, view);
            assert.ok(url.pathname.startsWith('/'));
          });
        },
      ),
      RUNS,
    );
  });

  it('origin patterns never match across a scheme, a port or a label boundary', () => {
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        const origin = new URL(url).origin;
        const matched = originMatches('https://*.example.com', origin);
        const parsed = new URL(origin);
        const expected =
          parsed.protocol === 'https:' && parsed.port === '' && parsed.hostname.endsWith('.example.com');
        assert.equal(matched, expected, origin);
      }),
      RUNS,
    );
  });
});
