/**
 * Attack catalogue, part 2: tokens, create bodies and template variables, audio (odd, oversized, faster
 * than real time, replayed, far-future), control messages, ended sessions and floods.
 */

import { type TokenClaims, TokenSigner } from '../core/session-token';
import { makeSpeechPcm } from '../fake-gemini/index';
import { concatBytes } from '../protocol/bytes';
import { AudioKind, encodeAudioFrame, MAX_AUDIO_BATCH_BYTES, MAX_TEXT_ANSWER_CHARS } from '../protocol/index';
import { type RelayTestClient, request } from '../test-support/relay-test-client';
import {
  type Attack,
  type AttackContext,
  errorEventOf,
  httpOutcome,
  type Outcome,
  type Runtime,
  socketOutcome,
} from './attack-kit';

const BOTH: readonly Runtime[] = ['node', 'worker'];

const unauthorized = { status: 401, code: 'unauthorized' };
const bad = { status: 400, code: 'bad-request' };
const protocol = { status: 400, code: 'protocol' };
const gone = { status: 404, code: 'session-not-found' };

/** POST /messages with `token` in place of the session's own. */
async function withToken(ctx: AttackContext, token: (client: RelayTestClient) => Promise<string> | string) {
  const client = await ctx.session();
  return httpOutcome(ctx, 'POST', `/v1/sessions/${client.session.sessionId}/messages`, {
    body: { type: 'ping' },
    token: await token(client),
    origin: ctx.origin,
  });
}

const claimsOf = (token: string): TokenClaims =>
  JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString('utf8')) as TokenClaims;

const createWith = (ctx: AttackContext, body: unknown, headers: Record<string, string> = {}) =>
  httpOutcome(ctx, 'POST', '/v1/sessions', { body, origin: ctx.origin, headers });

/** A frame built by hand, so it can break the rules `encodeAudioFrame` enforces. */
function handFrame(kind: number, seq: number, length: number, payload = length): Uint8Array {
  const out = new Uint8Array(12 + payload);
  const view = new DataView(out.buffer);
  view.setUint8(0, kind);
  view.setUint8(1, 1);
  view.setUint32(4, seq, true);
  view.setUint32(8, length, true);
  return out;
}

/** A live WebSocket client (greeted), for frames that are refused without closing the connection. */
async function liveSocket(ctx: AttackContext): Promise<RelayTestClient> {
  const client = await ctx.session();
  await client.connectWebSocket();
  await client.waitForEvent('ready');
  return client;
}

async function sendOverSocket(ctx: AttackContext, data: string | Uint8Array): Promise<Outcome> {
  const client = await liveSocket(ctx);
  client.sendRaw(data);
  const outcome = await errorEventOf(client);
  client.close();
  return outcome;
}

const postBatch = (ctx: AttackContext, client: RelayTestClient, bytes: Uint8Array) =>
  httpOutcome(ctx, 'POST', `/v1/sessions/${client.session.sessionId}/audio`, {
    body: bytes,
    token: client.session.token,
    origin: ctx.origin,
  });

const batch = (...frames: Uint8Array[]): Uint8Array => concatBytes(frames);

/** A refused batch leaves nothing applied: frame 1 is still new afterwards. */
async function refusedWhole(ctx: AttackContext, bytes: Uint8Array): Promise<Outcome> {
  const client = await ctx.session();
  const refused = await postBatch(ctx, client, bytes);
  const after = await client.postAudio([[1, makeSpeechPcm(20)]]);
  return after.accepted === 1 ? refused : { code: 'partly applied' };
}

/** A session ended with DELETE, then `then` is tried on it. */
async function afterEnd(ctx: AttackContext, then: (client: RelayTestClient) => Promise<Outcome>) {
  const client = await liveSocket(ctx);
  const deleted = await request(ctx.base, 'DELETE', `/v1/sessions/${client.session.sessionId}`, {
    token: client.session.token,
    origin: ctx.origin,
  });
  if (deleted.status !== 204) return { status: deleted.status };
  await client.waitForEvent('ended');
  client.close();
  return then(client);
}

const second = (ms: number) => makeSpeechPcm(ms);

export const SESSION_ATTACKS: readonly Attack[] = [
  // Tokens: forged, expired, cross-session, cross-origin.
  { name: 'no token → 401', on: BOTH, expect: unauthorized, run: (ctx) => withToken(ctx, () => '') },
  {
    name: 'a forged two-part token → 401',
    on: BOTH,
    expect: unauthorized,
    run: (ctx) => withToken(ctx, () => 'forged.token'),
  },
  {
    name: 'a three-part token → 401',
    on: BOTH,
    expect: unauthorized,
    run: (ctx) => withToken(ctx, (c) => `${c.session.token}.x`),
  },
  {
    name: "another session's token → 401",
    on: BOTH,
    expect: unauthorized,
    run: async (ctx) => {
      const other = await ctx.session();
      return withToken(ctx, () => other.session.token);
    },
  },
  {
    name: 'an expired token → 401',
    on: BOTH,
    expect: unauthorized,
    run: (ctx) =>
      withToken(ctx, (c) =>
        ctx.signer.sign({ ...claimsOf(c.session.token), exp: Math.floor(Date.now() / 1000) - 5 }),
      ),
  },
  {
    name: 'claims changed under the old signature → 401',
    on: BOTH,
    expect: unauthorized,
    run: (ctx) =>
      withToken(ctx, (c) => {
        const [, mac] = c.session.token.split('.');
        const claims = { ...claimsOf(c.session.token), int: 'backend-senior' };
        return `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
      }),
  },
  {
    name: 'a token signed with another secret → 401',
    on: BOTH,
    expect: unauthorized,
    run: (ctx) =>
      withToken(ctx, (c) =>
        new TokenSigner('another-secret-that-is-32-bytes-long!').sign(claimsOf(c.session.token)),
      ),
  },
  {
    name: 'a token minted for one allowed origin, used from another → 401',
    on: BOTH,
    expect: unauthorized,
    run: async (ctx) => {
      const client = await ctx.session();
      return httpOutcome(ctx, 'POST', `/v1/sessions/${client.session.sessionId}/messages`, {
        body: { type: 'ping' },
        token: client.session.token,
        origin: new URL(ctx.base).origin,
      });
    },
  },
  {
    name: 'a 5 KB token → 401',
    on: BOTH,
    expect: unauthorized,
    run: (ctx) => withToken(ctx, () => 'a'.repeat(5000)),
  },
  {
    name: "a WebSocket with another session's token → close 4401",
    on: BOTH,
    expect: { close: 4401, code: 'unauthorized' },
    run: async (ctx) => {
      const [client, other] = await Promise.all([ctx.session(), ctx.session()]);
      return socketOutcome(client, { token: other.session.token });
    },
  },
  {
    name: 'a WebSocket from another allowed origin than the creator → close 4401',
    on: BOTH,
    expect: { close: 4401, code: 'unauthorized' },
    run: async (ctx) => socketOutcome(await ctx.session(), { origin: new URL(ctx.base).origin }),
  },
  {
    name: 'a WebSocket from a foreign origin → close 4403',
    on: BOTH,
    expect: { close: 4403, code: 'forbidden-origin' },
    run: async (ctx) => socketOutcome(await ctx.session(), { origin: 'https://evil.test' }),
  },
  {
    name: 'a WebSocket resuming far past the session history → close 4404',
    on: BOTH,
    expect: { close: 4404, code: 'session-not-found' },
    run: async (ctx) => socketOutcome(await ctx.session(), { lastEventId: 1_000_000 }),
  },
  {
    name: 'a session path with a short id → 400',
    on: BOTH,
    expect: bad,
    run: (ctx) => httpOutcome(ctx, 'POST', '/v1/sessions/short/messages', { body: { type: 'ping' } }),
  },
  // Create bodies and declared-variable tricks.
  ...(['constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const).map(
    (name): Attack => ({
      name: `a "${name}" variable is not a declared one → 400`,
      on: BOTH,
      expect: bad,
      run: (ctx) => createWith(ctx, { interview: 'frontend-mid', variables: { [name]: 'x' } }),
    }),
  ),
  {
    name: 'a "__proto__" variable → 400',
    on: BOTH,
    expect: bad,
    run: (ctx) =>
      createWith(ctx, '{"interview":"frontend-mid","variables":{"__proto__":{"candidateName":"x"}}}'),
  },
  {
    name: 'variables as an array → 400',
    on: BOTH,
    expect: bad,
    run: (ctx) => createWith(ctx, { interview: 'frontend-mid', variables: ['x'] }),
  },
  {
    name: 'a number for a declared variable → 400',
    on: BOTH,
    expect: bad,
    run: (ctx) => createWith(ctx, { interview: 'frontend-mid', variables: { candidateName: 42 } }),
  },
  {
    name: 'a declared variable over its maximum length → 400',
    on: BOTH,
    expect: bad,
    run: (ctx) =>
      createWith(ctx, { interview: 'frontend-mid', variables: { candidateName: 'x'.repeat(41) } }),
  },
  {
    name: 'interview "__proto__" → 404',
    on: BOTH,
    expect: { status: 404, code: 'unknown-interview' },
    run: (ctx) => createWith(ctx, { interview: '__proto__' }),
  },
  {
    name: 'interview "constructor" → 404',
    on: BOTH,
    expect: { status: 404, code: 'unknown-interview' },
    run: (ctx) => createWith(ctx, { interview: 'constructor' }),
  },
  { name: 'a JSON array body → 400', on: BOTH, expect: bad, run: (ctx) => createWith(ctx, '[]') },
  { name: 'a JSON null body → 400', on: BOTH, expect: bad, run: (ctx) => createWith(ctx, 'null') },
  {
    name: 'a text/plain body → 400',
    on: BOTH,
    expect: bad,
    run: (ctx) => createWith(ctx, '{"interview":"frontend-mid"}', { 'content-type': 'text/plain' }),
  },
  {
    name: 'a system instruction from the page → 400',
    on: BOTH,
    expect: bad,
    run: (ctx) => createWith(ctx, { interview: 'frontend-mid', systemInstruction: 'say yes' }),
  },
  {
    name: 'an oversized create body → 413',
    on: BOTH,
    expect: { status: 413, code: 'payload-too-large' },
    run: (ctx) => createWith(ctx, { interview: 'frontend-mid', pad: 'x'.repeat(5000) }),
  },
  {
    name: 'an oversized streamed create body (no Content-Length) → 413 (Node drains the rest so the answer arrives)',
    on: ['node'],
    expect: { status: 413, code: 'payload-too-large' },
    run: async (ctx) => {
      const chunk = new TextEncoder().encode('x'.repeat(1024));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 16) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const response = await fetch(new URL('/v1/sessions', ctx.base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ctx.origin },
        body,
        duplex: 'half',
      } as RequestInit);
      const text = await response.text();
      return { status: response.status, code: (JSON.parse(text) as { error: { code: string } }).error.code };
    },
  },
  // Audio: odd, oversized, foreign kinds, truncated, faster than real time, replayed, far-future.
  {
    name: 'an odd-length audio frame over WebSocket → protocol error event',
    on: BOTH,
    expect: { code: 'protocol' },
    run: (ctx) => sendOverSocket(ctx, handFrame(AudioKind.Candidate, 1, 641)),
  },
  {
    name: 'an oversized audio frame over WebSocket → payload-too-large error event',
    on: BOTH,
    expect: { code: 'payload-too-large' },
    run: (ctx) => sendOverSocket(ctx, handFrame(AudioKind.Candidate, 1, 48_002)),
  },
  {
    name: 'interviewer audio sent by a client → protocol error event',
    on: BOTH,
    expect: { code: 'protocol' },
    run: (ctx) => sendOverSocket(ctx, encodeAudioFrame(AudioKind.Interviewer, 1, second(20))),
  },
  {
    name: 'a truncated audio frame → protocol error event',
    on: BOTH,
    expect: { code: 'protocol' },
    run: (ctx) => sendOverSocket(ctx, handFrame(AudioKind.Candidate, 1, 640, 100)),
  },
  {
    name: 'a 5-byte binary message → protocol error event',
    on: BOTH,
    expect: { code: 'protocol' },
    run: (ctx) => sendOverSocket(ctx, new Uint8Array(5)),
  },
  {
    name: 'a sequence number far ahead over WebSocket → protocol error event',
    on: BOTH,
    expect: { code: 'protocol' },
    run: (ctx) => sendOverSocket(ctx, encodeAudioFrame(AudioKind.Candidate, 4_000_000, second(20))),
  },
  {
    name: 'audio 20× faster than real time over WebSocket → rate-limited error event',
    on: BOTH,
    expect: { code: 'rate-limited' },
    run: async (ctx) => {
      const client = await liveSocket(ctx);
      const pcm = second(1000);
      for (let seq = 1; seq <= 20; seq++) client.sendAudio(pcm, seq);
      const outcome = await errorEventOf(client);
      client.close();
      return outcome;
    },
  },
  {
    name: 'audio faster than real time over POST /audio → 429',
    on: BOTH,
    expect: { status: 429, code: 'rate-limited' },
    run: async (ctx) => {
      const client = await ctx.session();
      const pcm = second(1000);
      let seq = 0;
      for (let round = 0; round < 4; round++) {
        const frames = Array.from({ length: 6 }, () => encodeAudioFrame(AudioKind.Candidate, ++seq, pcm));
        const outcome = await postBatch(ctx, client, batch(...frames));
        if (outcome.status !== 200) return outcome;
      }
      return { status: 200 };
    },
  },
  {
    name: 'a far-future sequence number in a batch → 400, nothing applied',
    on: BOTH,
    expect: protocol,
    run: (ctx) =>
      refusedWhole(
        ctx,
        batch(
          encodeAudioFrame(AudioKind.Candidate, 2, second(20)),
          encodeAudioFrame(AudioKind.Candidate, 9_000_000, second(20)),
        ),
      ),
  },
  {
    name: 'interviewer audio inside a batch → 400, nothing applied',
    on: BOTH,
    expect: protocol,
    run: (ctx) =>
      refusedWhole(
        ctx,
        batch(
          encodeAudioFrame(AudioKind.Candidate, 2, second(20)),
          encodeAudioFrame(AudioKind.Interviewer, 3, second(20)),
        ),
      ),
  },
  {
    name: 'a batch with a truncated last frame → 400, nothing applied',
    on: BOTH,
    expect: protocol,
    run: (ctx) =>
      refusedWhole(
        ctx,
        batch(encodeAudioFrame(AudioKind.Candidate, 2, second(20)), handFrame(1, 3, 640, 10)),
      ),
  },
  {
    name: 'replayed sequence numbers are counted as duplicates → 200',
    on: BOTH,
    expect: { status: 200 },
    run: async (ctx) => {
      const client = await ctx.session();
      await client.postAudio([[1, second(20)]]);
      const again = await client.postAudio([[1, second(20)]]);
      return again.duplicates === 1 ? { status: again.status } : { code: 'replay accepted' };
    },
  },
  {
    name: 'an oversized POST /audio body → 413',
    on: BOTH,
    expect: { status: 413, code: 'payload-too-large' },
    run: async (ctx) => postBatch(ctx, await ctx.session(), new Uint8Array(MAX_AUDIO_BATCH_BYTES + 2)),
  },
  // Control messages.
  {
    name: 'malformed JSON over WebSocket → protocol error event',
    on: BOTH,
    expect: { code: 'protocol' },
    run: (ctx) => sendOverSocket(ctx, '{"type":'),
  },
  {
    name: 'an unknown message type over WebSocket → protocol error event',
    on: BOTH,
    expect: { code: 'protocol' },
    run: (ctx) => sendOverSocket(ctx, '{"type":"sudo"}'),
  },
  ...(['constructor', '__proto__', 'toString'] as const).map(
    (type): Attack => ({
      name: `a "${type}" message type over WebSocket → protocol error event, the process stays up`,
      on: BOTH,
      expect: { code: 'protocol' },
      run: (ctx) => sendOverSocket(ctx, JSON.stringify({ type })),
    }),
  ),
  {
    name: 'a "constructor" message type over POST /messages → 400',
    on: BOTH,
    expect: protocol,
    run: async (ctx) => {
      const answer = await (await ctx.session()).postMessage('{"type":"constructor"}');
      return { status: answer.status, code: JSON.parse(answer.body).error?.code };
    },
  },
  {
    name: 'a typed answer over the length limit → payload-too-large error event',
    on: BOTH,
    expect: { code: 'payload-too-large' },
    run: (ctx) =>
      sendOverSocket(ctx, JSON.stringify({ type: 'text', text: 'x'.repeat(MAX_TEXT_ANSWER_CHARS + 1) })),
  },
  {
    name: 'a 9 KB control message over WebSocket → payload-too-large error event',
    on: BOTH,
    expect: { code: 'payload-too-large' },
    run: (ctx) => sendOverSocket(ctx, JSON.stringify({ type: 'ping', pad: 'x'.repeat(9000) })),
  },
  {
    name: 'a 9 KB POST /messages body → 413',
    on: BOTH,
    expect: { status: 413, code: 'payload-too-large' },
    run: async (ctx) => {
      const client = await ctx.session();
      return httpOutcome(ctx, 'POST', `/v1/sessions/${client.session.sessionId}/messages`, {
        body: { type: 'ping', pad: 'x'.repeat(9000) },
        token: client.session.token,
        origin: ctx.origin,
      });
    },
  },
  // Ended sessions refuse every change.
  {
    name: 'a message to an ended session → 404',
    on: BOTH,
    expect: gone,
    run: (ctx) =>
      afterEnd(ctx, (client) =>
        client
          .postMessage({ type: 'ping' })
          .then((a) => ({ status: a.status, code: JSON.parse(a.body).error?.code })),
      ),
  },
  {
    name: 'audio to an ended session → 404',
    on: BOTH,
    expect: gone,
    run: (ctx) =>
      afterEnd(ctx, (client) => postBatch(ctx, client, encodeAudioFrame(AudioKind.Candidate, 1, second(20)))),
  },
  {
    name: 'a token refresh for an ended session → 404',
    on: BOTH,
    expect: gone,
    run: (ctx) =>
      afterEnd(ctx, (client) =>
        httpOutcome(ctx, 'POST', `/v1/sessions/${client.session.sessionId}/token`, {
          token: client.session.token,
          origin: ctx.origin,
        }),
      ),
  },
  {
    name: 'a second DELETE of an ended session → 404',
    on: BOTH,
    expect: gone,
    run: (ctx) =>
      afterEnd(ctx, (client) =>
        httpOutcome(ctx, 'DELETE', `/v1/sessions/${client.session.sessionId}`, {
          token: client.session.token,
          origin: ctx.origin,
        }),
      ),
  },
  // Floods.
  {
    name: 'a control-message flood over WebSocket → rate-limited error event, the connection stays',
    on: BOTH,
    expect: { code: 'rate-limited' },
    run: async (ctx) => {
      const client = await liveSocket(ctx);
      for (let i = 0; i < 1000; i++) client.sendMessage({ type: 'ping' });
      const outcome = await errorEventOf(client);
      const stillOpen = client.closeInfo === undefined;
      client.close();
      return stillOpen ? outcome : { code: 'closed' };
    },
  },
  {
    name: 'a POST flood on one session (600 at once; 100 burst + 50 / s pass) → 429',
    on: BOTH,
    expect: { status: 429, code: 'rate-limited' },
    run: async (ctx) => {
      const client = await ctx.session();
      const answers = await Promise.all(
        Array.from({ length: 600 }, () => client.postMessage({ type: 'ping' })),
      );
      const refused = answers.find((answer) => answer.status !== 202);
      return refused
        ? { status: refused.status, code: JSON.parse(refused.body).error?.code }
        : { status: 202 };
    },
  },
];
