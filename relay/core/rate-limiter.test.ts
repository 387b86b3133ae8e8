import assert from 'node:assert/strict';
import { it } from 'node:test';
import { BurstBudget, RateLimiter } from './rate-limiter';
import { FRAME_BURST, FRAMES_PER_SECOND } from './socket-client';

it('RateLimiter: a minute of tokens per key, refilled continuously, keys independent', () => {
  let now = 0;
  const limiter = new RateLimiter(3, undefined, () => now);
  assert.deepEqual(
    [1, 2, 3, 4].map(() => limiter.take('a')),
    [true, true, true, false],
  );
  assert.equal(limiter.take('b'), true);
  now += 20_000; // one token back
  assert.deepEqual([limiter.take('a'), limiter.take('a')], [true, false]);
});

it('BurstBudget (the audio frame budget): a whole burst passes, a sustained flood is cut to the refill rate', () => {
  let now = 0;
  const budget = new BurstBudget(FRAME_BURST, FRAMES_PER_SECOND, () => now);
  let passed = 0;
  for (let i = 0; i < FRAME_BURST; i++) if (budget.take()) passed++;
  assert.equal(passed, FRAME_BURST, 'a resume resending its buffered audio passes whole');
  assert.equal(budget.take(), false);
  now += 1000;
  passed = 0;
  for (let i = 0; i < 10 * FRAMES_PER_SECOND; i++) if (budget.take()) passed++;
  assert.equal(passed, FRAMES_PER_SECOND, 'then FRAMES_PER_SECOND per second');
});
