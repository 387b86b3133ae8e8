import assert from 'node:assert/strict';
import type { FakeConnection, FakeGemini } from '../fake-gemini/index';

/** A client frame as the fake parsed it (only the fields these tests look at). */
export interface UpstreamFrame {
  clientContent?: { turns?: { parts?: { text?: string }[] }[] };
  realtimeInput?: { audioStreamEnd?: boolean; text?: string };
  toolResponse?: { functionResponses?: { id?: string; name?: string; scheduling?: string }[] };
}

/** The newest upstream connection. */
export function latestUpstream(fake: FakeGemini): FakeConnection {
  return fake.connections.at(-1) ?? assert.fail('no upstream');
}

/** Resolves with the first frame (from index `from`) the fake's newest connection received that matches. */
export async function upstreamFrame(
  fake: FakeGemini,
  matches: (frame: UpstreamFrame) => boolean,
  from = 0,
): Promise<UpstreamFrame> {
  const connection = latestUpstream(fake);
  for (;;) {
    const found = (connection.frames.slice(from) as UpstreamFrame[]).find(matches);
    if (found) return found;
    const seen = connection.frames.length;
    await connection.waitForFrames(seen + 1);
    if (connection.frames.length === seen) assert.fail('upstream closed before the frame arrived');
  }
}

/** Every text turn the relay sent the interviewer (kick-off, typed answers, its fixed instructions). */
export function textsSentUpstream(fake: FakeGemini): string[] {
  return fake.connections.flatMap((connection) =>
    (connection.frames as UpstreamFrame[]).flatMap((frame) => [
      ...(frame.clientContent?.turns ?? []).flatMap((turn) => (turn.parts ?? []).map((p) => p.text ?? '')),
      ...(frame.realtimeInput?.text ? [frame.realtimeInput.text] : []),
    ]),
  );
}

export const isClientContent = (text: string) => (frame: UpstreamFrame) =>
  frame.clientContent?.turns?.some((turn) => turn.parts?.some((p) => p.text === text)) ?? false;
