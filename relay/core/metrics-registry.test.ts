import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MetricsRegistry } from './metrics-registry';

describe('MetricsRegistry series lookup', () => {
  it('counts a reused frozen label object and an equal fresh one in the same series', () => {
    const registry = new MetricsRegistry();
    const inc = registry.counter('t_bytes_total', 'Test.');
    const IN = Object.freeze({ direction: 'in' });
    inc(IN, 2);
    inc(IN, 3);
    inc({ direction: 'in' }, 5);
    inc({ direction: 'out' }, 7);
    assert.equal(registry.value('t_bytes_total', { direction: 'in' }), 10);
    assert.equal(registry.value('t_bytes_total', { direction: 'out' }), 7);
    assert.match(registry.render(), /t_bytes_total\{direction="in"\} 10\n/);
  });

  it('never caches a label object that can change', () => {
    const registry = new MetricsRegistry();
    const inc = registry.counter('t_errors_total', 'Test.');
    const labels: Record<string, string> = { code: 'a' };
    inc(labels);
    labels.code = 'b';
    inc(labels);
    assert.equal(registry.value('t_errors_total', { code: 'a' }), 1);
    assert.equal(registry.value('t_errors_total', { code: 'b' }), 1);
  });

  it('puts unlabelled histogram observations in one series', () => {
    const registry = new MetricsRegistry();
    const observe = registry.histogram('t_wait_seconds', 'Test.', [0.01, 0.1]);
    observe(0.005);
    observe(0.05);
    observe(0.5);
    const text = registry.render();
    assert.match(text, /t_wait_seconds_count 3\n/);
    assert.match(text, /t_wait_seconds_bucket\{le="0.01"\} 1\n/);
    assert.match(text, /t_wait_seconds_bucket\{le="0.1"\} 2\n/);
  });
});
