import assert from 'node:assert/strict';
import type { FakeGemini } from '../fake-gemini/index';

/**
 * Resolves once the fake's newest connection has received `bytes` of candidate audio. The relay's answer
 * (turn-complete) can overtake the answer's last frames: the fake replies on end-of-speech, before the tail.
 */
export async function audioReceived(fake: FakeGemini, bytes: number): Promise<Uint8Array> {
  const connection = fake.connections.at(-1) ?? assert.fail('no upstream');
  while (connection.conversation.audioIn().byteLength < bytes) {
    const seen = connection.frames.length;
    await connection.waitForFrames(seen + 1);
    if (connection.frames.length === seen) assert.fail('upstream closed before all audio arrived');
  }
  return connection.conversation.audioIn();
}
