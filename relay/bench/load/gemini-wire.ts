/**
 * The few lines of Gemini Live's wire format the two baseline relays need, over plain `ws` (what a relay
 * written in an afternoon would do): open + setup, candidate audio as base64 JSON, interviewer audio out.
 */
import { WebSocket } from 'ws';
import { BENCH_KEY } from './bench-key';

const LIVE_PATH = '/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent';

export interface NaiveUpstream {
  ready: Promise<void>;
  sendPcm(pcm: Uint8Array): void;
  close(): void;
}

export function openUpstream(
  geminiUrl: string,
  onAudio: (pcm: Buffer) => void,
  onClose: () => void,
): NaiveUpstream {
  const ws = new WebSocket(`${geminiUrl.replace('http', 'ws')}${LIVE_PATH}?key=${BENCH_KEY}`);
  const ready = new Promise<void>((resolve, reject) => {
    ws.on('open', () =>
      ws.send(
        JSON.stringify({
          setup: { model: 'models/bench-live', generationConfig: { responseModalities: ['AUDIO'] } },
        }),
      ),
    );
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString('utf8')) as {
        setupComplete?: object;
        serverContent?: { modelTurn?: { parts?: { inlineData?: { data?: string } }[] } };
      };
      if (msg.setupComplete) resolve();
      for (const part of msg.serverContent?.modelTurn?.parts ?? []) {
        if (part.inlineData?.data) onAudio(Buffer.from(part.inlineData.data, 'base64'));
      }
    });
    ws.on('close', () => {
      reject(new Error('upstream closed'));
      onClose();
    });
    ws.on('error', () => {});
  });
  ready.catch(() => {});
  return {
    ready,
    sendPcm: (pcm) =>
      ws.send(
        JSON.stringify({
          realtimeInput: {
            audio: { data: Buffer.from(pcm).toString('base64'), mimeType: 'audio/pcm;rate=16000' },
          },
        }),
      ),
    close: () => ws.close(),
  };
}

/** The 12-byte audio frame header of docs/protocol.md, written with Buffer (Node-only baseline code). */
export function interviewerFrame(seq: number, pcm: Buffer): Buffer {
  const out = Buffer.allocUnsafe(12 + pcm.byteLength);
  out[0] = 2;
  out[1] = 1;
  out.writeUInt16LE(0, 2);
  out.writeUInt32LE(seq >>> 0, 4);
  out.writeUInt32LE(pcm.byteLength, 8);
  pcm.copy(out, 12);
  return out;
}
