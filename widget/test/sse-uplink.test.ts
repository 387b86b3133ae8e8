import { expect } from '@open-wc/testing';
import { CloseCode, decodeAudioBatch } from '../../relay/protocol/index';
import { SSE_BATCH_FRAMES, SseUplink } from '../src/session/sse-uplink';
import { waitFor } from './harness/browser-probes';
import { afterEach, beforeEach, describe, it } from './harness/mocha';

interface Posted {
  url: string;
  auth: string;
  seqs: number[];
  message: unknown;
}

/** Stands in for the relay: records each POST and answers with the next scripted status (200 after). */
class FakeRelay {
  readonly posted: Posted[] = [];
  answers: (number | 'network-error')[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private realFetch = window.fetch;

  install(): void {
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      const body = init?.body;
      this.posted.push({
        url: String(input),
        auth: new Headers(init?.headers).get('authorization') ?? '',
        seqs: body instanceof Uint8Array ? decodeAudioBatch(body).map((frame) => frame.seq) : [],
        message: typeof body === 'string' ? JSON.parse(body) : undefined,
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      this.inFlight -= 1;
      const answer = this.answers.shift() ?? 200;
      if (answer === 'network-error') throw new TypeError('Failed to fetch');
      const error = {
        error: {
          code: answer === 404 ? 'session-not-found' : 'internal',
          message: 'x',
          retryable: answer !== 404,
        },
      };
      return new Response(answer === 200 ? '{}' : JSON.stringify(error), { status: answer });
    };
  }

  restore(): void {
    window.fetch = this.realFetch;
  }
}

const FRAME = new Uint8Array(640);

describe('SSE uplink (POST /audio batches, POST /messages)', () => {
  let relay: FakeRelay;
  let fatal: { code: number; reason: string } | undefined;
  let uplink: SseUplink;

  beforeEach(() => {
    relay = new FakeRelay();
    relay.install();
    fatal = undefined;
    uplink = new SseUplink({
      endpoint: (action) => `http://relay.test/v1/sessions/s/${action}`,
      token: 'token-1',
      onFatal: (code, reason) => {
        fatal = { code, reason };
      },
    });
  });

  afterEach(() => {
    uplink.close();
    relay.restore();
  });

  it('posts a full batch at once and the backlog behind it, one request at a time, with the bearer token', async () => {
    const total = 3 * SSE_BATCH_FRAMES;
    const allSeqs = Array.from({ length: total }, (_, i) => i + 1);
    for (const seq of allSeqs) uplink.audio(seq, FRAME);
    await waitFor(() => relay.posted.flatMap((p) => p.seqs).length === total, 'all frames posted');
    expect(relay.posted[0]?.seqs).to.deep.equal(allSeqs.slice(0, SSE_BATCH_FRAMES));
    expect(relay.posted.flatMap((p) => p.seqs)).to.deep.equal(allSeqs);
    expect(relay.maxInFlight).to.equal(1);
    expect(relay.posted).to.have.length.of.at.least(2);
    expect(relay.posted.every((p) => p.auth === 'Bearer token-1' && p.url.endsWith('/audio'))).to.equal(true);
  });

  it('holds a partial batch for more frames, then posts it without waiting for a full one', async () => {
    const partial = Array.from({ length: SSE_BATCH_FRAMES - 1 }, (_, i) => i + 1);
    for (const seq of partial) uplink.audio(seq, FRAME);
    // A full batch would have gone out synchronously (fetch is called before the first await).
    expect(relay.posted, 'nothing posted for a partial batch').to.have.length(0);
    await Promise.resolve();
    expect(relay.posted).to.have.length(0);
    await waitFor(() => relay.posted.length === 1, 'partial batch posted');
    expect(relay.posted[0]?.seqs).to.deep.equal(partial);
  });

  it('retries the same frames first after a failure, and uses a refreshed token', async () => {
    relay.answers = ['network-error', 503];
    for (let seq = 1; seq <= SSE_BATCH_FRAMES; seq++) uplink.audio(seq, FRAME);
    await waitFor(() => relay.posted.length === 1, 'first attempt');
    uplink.token = 'token-2';
    uplink.audio(SSE_BATCH_FRAMES + 1, FRAME);
    await waitFor(() => relay.posted.length === 3, 'two retries');
    expect(relay.posted.map((p) => p.seqs[0])).to.deep.equal([1, 1, 1]);
    expect(relay.posted[2]?.seqs).to.deep.equal(
      Array.from({ length: SSE_BATCH_FRAMES + 1 }, (_, i) => i + 1),
    );
    expect(relay.posted[2]?.auth).to.equal('Bearer token-2');
    expect(fatal).to.equal(undefined);
  });

  it('keeps control messages behind the audio sent before them', async () => {
    uplink.audio(1, FRAME);
    uplink.audio(2, FRAME);
    uplink.message({ type: 'audio-end' });
    uplink.audio(3, FRAME);
    await waitFor(() => relay.posted.length === 3, 'three requests');
    expect(relay.posted.map((p) => (p.message ? 'message' : p.seqs.join(',')))).to.deep.equal([
      '1,2',
      'message',
      '3',
    ]);
    expect(relay.posted[1]?.url).to.match(/\/messages$/);
  });

  it('stops and reports a close code when the relay refuses for good', async () => {
    relay.answers = [404];
    uplink.audio(1, FRAME);
    await waitFor(() => fatal !== undefined, 'fatal reported');
    expect(fatal?.code).to.equal(CloseCode.SessionNotFound);
  });
});
