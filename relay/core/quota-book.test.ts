/** The relay-wide admission book behind the Workers quota object. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ProtocolError } from '../protocol/protocol-error';
import { QuotaBook } from './quota-book';

const code = (run: () => void): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as ProtocolError).code;
  }
};

it('caps sessions in total and per client; a release frees the slot at once', () => {
  const book = new QuotaBook({ maxSessions: 3, maxSessionsPerClient: 2, createRatePerMinute: 100 });
  book.admit('a', 's1', Date.now() + 60_000);
  book.admit('a', 's2', Date.now() + 60_000);
  assert.equal(
    code(() => book.admit('a', 's3', Date.now() + 60_000)),
    'rate-limited',
  );
  book.admit('b', 's4', Date.now() + 60_000);
  assert.equal(
    code(() => book.admit('c', 's5', Date.now() + 60_000)),
    'session-limit',
  );
  book.release('s1');
  book.admit('c', 's5', Date.now() + 60_000);
  assert.equal(book.active, 3);
});

it('limits creations per client per minute, refilling with time', () => {
  let now = 0;
  const book = new QuotaBook(
    { maxSessions: 100, maxSessionsPerClient: 100, createRatePerMinute: 2 },
    () => now,
  );
  book.admit('a', 's1', 1e12);
  book.admit('a', 's2', 1e12);
  assert.equal(
    code(() => book.admit('a', 's3', 1e12)),
    'rate-limited',
  );
  book.admit('b', 's4', 1e12);
  now += 30_000;
  book.admit('a', 's5', 1e12);
});

it('a slot whose session never came or never reported its end expires; a started one is extended', () => {
  let now = 0;
  const book = new QuotaBook(
    { maxSessions: 1, maxSessionsPerClient: 1, createRatePerMinute: 100 },
    () => now,
  );
  book.admit('a', 's1', 1_000);
  book.extend('s1', 5_000);
  now = 2_000;
  assert.equal(
    code(() => book.admit('b', 's2', 10_000)),
    'session-limit',
  );
  now = 5_000;
  book.admit('b', 's2', 10_000);
  const restored = new QuotaBook(
    { maxSessions: 1, maxSessionsPerClient: 1, createRatePerMinute: 100 },
    () => now,
    book.entries(),
  );
  assert.equal(
    code(() => restored.admit('c', 's3', 10_000)),
    'session-limit',
  );
});
