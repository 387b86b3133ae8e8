import assert from 'node:assert/strict';
import { it } from 'node:test';
import { BurstBudget, RateLimiter } from './rate-limiter';

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

it('BurstBudget: a whole burst passes, a sustained flood is cut to the refill rate', () => {
  let now = 0;
  const budget = new BurstBudget(750, 100, () => now);
  let passed = 0;
  for (let i = 0; i < 750; i++) if (budget.take()) passed++;
  assert.equal(passed, 750, 'a resume resending 10 s of audio passes whole');
  assert.equal(budget.take(), false);
  now += 1000;
  passed = 0;
  for (let i = 0; i < 1000; i++) if (budget.take()) passed++;
  assert.equal(passed, 100, 'then 100 per second');
});
