import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createLogger } from './logger';

it('writes one JSON object per line and scrubs secrets and key/token query values everywhere', () => {
  const lines: string[] = [];
  const logger = createLogger((line) => lines.push(line), ['CANARY-KEY-123']).child({ session: 'abc' });
  logger.log('warn', 'failed with CANARY-KEY-123', {
    url: 'wss://h//ws/x?key=CANARY-KEY-123&alt=1',
    nested: { list: ['/v1/sessions/x/ws?token=opaque-token-value', new Error('boom CANARY-KEY-123')] },
  });
  assert.equal(lines.length, 1);
  const entry = JSON.parse(lines[0] as string);
  assert.equal(entry.level, 'warn');
  assert.equal(entry.session, 'abc');
  assert.ok(!lines[0]?.includes('CANARY-KEY-123'));
  assert.ok(!lines[0]?.includes('opaque-token-value'));
  assert.match(entry.url, /key=\[redacted\]&alt=1/);
});
