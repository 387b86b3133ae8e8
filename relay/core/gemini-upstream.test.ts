import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Session } from '@google/genai';
import { startFakeGemini } from '../fake-gemini/index';
import { bytesToBase64 } from '../protocol/base64';
import { GeminiUpstream, ignoringHandlers, realtimeAudioMessage } from './gemini-upstream';
import { DEFAULT_TURN_TAKING } from './interview-plan';

const KEY = 'gemini-upstream-test-key';

/** What the pinned SDK's own sendRealtimeInput writes to its socket for this audio. */
function sdkWire(data: string): string {
  let sent = '';
  const session = {
    apiClient: { isVertexAI: () => false },
    conn: { send: (text: string) => (sent = text) },
  };
  Session.prototype.sendRealtimeInput.call(session as unknown as Session, {
    audio: { data, mimeType: 'audio/pcm;rate=16000' },
  });
  return sent;
}

const handlers = ignoringHandlers();

describe('GeminiUpstream candidate audio', () => {
  it('pre-serialises exactly the text the SDK would send', () => {
    for (const length of [0, 2, 640, 1282]) {
      const pcm = new Uint8Array(length).map((_, i) => (i * 37 + 11) & 255);
      const data = bytesToBase64(pcm);
      assert.equal(realtimeAudioMessage(data), sdkWire(data), `length ${length}`);
    }
  });

  const frames: Record<string, unknown>[] = [];
  let streamEnded: () => void = () => {};
  const ended = new Promise<void>((resolve) => {
    streamEnded = resolve;
  });
  const fakeReady = startFakeGemini({
    requireApiKey: KEY,
    retainHistory: false,
    onClientFrame: (_id, frame) => {
      frames.push(frame);
      if ((frame.realtimeInput as { audioStreamEnd?: boolean } | undefined)?.audioStreamEnd) streamEnded();
    },
  });
  after(async () => (await fakeReady).close());

  it('goes out on the SDK socket, not through sendRealtimeInput, and arrives byte-exact in order', async (t) => {
    const fake = await fakeReady;
    const viaSdk = t.mock.method(Session.prototype, 'sendRealtimeInput');
    const upstream = await GeminiUpstream.connect(
      {
        apiKey: KEY,
        baseUrl: fake.baseUrl,
        model: 'models/test-live',
        systemInstruction: 'Test.',
        voice: 'Kore',
        language: 'en-US',
        turnTaking: DEFAULT_TURN_TAKING,
        resumeHandle: undefined,
      },
      handlers,
    );
    const sent = [1, 2, 3].map((n) => new Uint8Array(640).fill(n));
    for (const pcm of sent) upstream.sendAudio(pcm);
    upstream.sendAudioStreamEnd();
    const audio = () =>
      frames.flatMap((f) => {
        const input = f.realtimeInput as { audio?: { data: string; mimeType: string } } | undefined;
        return input?.audio ? [input.audio] : [];
      });
    await ended;
    upstream.close();
    assert.deepEqual(
      audio(),
      sent.map((pcm) => ({ data: Buffer.from(pcm).toString('base64'), mimeType: 'audio/pcm;rate=16000' })),
    );
    // Only audioStreamEnd went through the SDK's own method.
    assert.equal(viaSdk.mock.callCount(), 1);
  });
});
