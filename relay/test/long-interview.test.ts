/**
 * A 45-minute interview at an accelerated clock (relay/test-support/long-interview.ts): every Gemini
 * connection limit and fault on the way, and nothing lost, duplicated or rewound.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runLongInterview } from '../test-support/long-interview';

it('a 45-minute interview through ≥4 goAway rollovers, a 1011, a dropped upstream and a client drop loses nothing', async (t) => {
  const result = await runLongInterview();
  t.diagnostic(
    JSON.stringify({ ...result, transcript: undefined, expected: undefined, receivedSeqs: undefined }),
  );
  assert.deepEqual(result.transcript, result.expected, 'the transcript equals the scripted conversation');
  assert.ok(result.sent > 400, `${result.sent} candidate frames`);
  assert.deepEqual(
    result.receivedSeqs,
    Array.from({ length: result.sent }, (_, i) => i + 1),
    'every candidate frame reached Gemini exactly once, in order',
  );
  assert.ok((result.reconnects.goaway ?? 0) >= 4, `goAway rollovers: ${result.reconnects.goaway}`);
  assert.equal(result.reconnects.unavailable, 1, 'the injected 1011');
  assert.equal(result.reconnects.lost, 1, 'the dropped TCP connection');
  assert.equal(result.reconnects.deadline, 0, 'no connection ran into its deadline');
  assert.equal(result.refusedResumes, 0, 'no resume was attempted while the old socket was open');
});
