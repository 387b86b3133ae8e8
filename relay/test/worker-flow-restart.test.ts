/** The interview's progress is part of a Durable Object's checkpoint: a restarted object still knows it. */
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { bundledTemplates } from '../core/interview-templates';
import { RelayTestClient } from '../test-support/relay-test-client';
import { startWorkerStack, type WorkerStack } from '../test-support/worker-stack';
import { FLOW_SCRIPT } from './conformance-flow';

const stacks: WorkerStack[] = [];
after(async () => {
  await Promise.all(stacks.map((s) => s.close()));
});

it('a restarted Durable Object puts the checkpointed question in ready.progress and announces the next', async () => {
  const restarting = await startWorkerStack({ fake: { script: FLOW_SCRIPT } });
  stacks.push(restarting);
  const plan = (bundledTemplates.get('frontend-mid') ?? assert.fail('template')).plan;
  const client = await RelayTestClient.create(restarting.url, 'frontend-mid', {
    origin: 'http://allowed.test',
  });
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');
  const cursor = client.lastEventId;
  await restarting.restart();
  await client.waitForClose();

  const before = client.events.length;
  await client.connectWebSocket({ lastEventId: cursor });
  await client.waitFor((c) => c.events.slice(before).some((e) => e.type === 'ready'), 'ready');
  const ready = client.events.slice(before).find((e) => e.type === 'ready');
  assert.ok(ready?.type === 'ready');
  assert.deepEqual(ready.progress, { question: 1, of: plan.length, topic: plan[0]?.topic });

  client.sendMessage({ type: 'text', text: 'I built a dashboard.' });
  await client.waitForEvent('progress', 2);
  const latest = client.events.filter((e) => e.type === 'progress').at(-1);
  assert.deepEqual(latest?.type === 'progress' && [latest.question, latest.topic], [2, plan[1]?.topic]);
  client.close();
});
