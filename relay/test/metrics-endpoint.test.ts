/**
 * `GET /metrics` on the Node relay: bearer-protected, parsed with a Prometheus text-format parser, and its
 * counters equal what the test made happen (one session, a goAway, a 1011, a fallback to SSE, audio both ways).
 */
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { makeSilencePcm } from '../fake-gemini/index';
import { audioReceived } from '../test-support/fake-waits';
import { CANARY_KEY, type NodeStack, startNodeStack } from '../test-support/node-stack';
import { toFrames } from '../test-support/pcm-frames';
import { RelayTestClient } from '../test-support/relay-test-client';

const ORIGIN = { origin: 'http://allowed.test' };
const TOKEN = 'metrics-test-token-0123456789';
const SCRIPT = [
  { interviewer: 'First question?' },
  { candidate: 'A dashboard.', interviewer: 'Second question?' },
  { candidate: 'Speed.', interviewer: 'Thank you, goodbye.' },
];

let stack: NodeStack | undefined;
after(() => stack?.close());

interface Sample {
  value?: string;
  labels?: Record<string, string>;
  count?: string;
  buckets?: Record<string, string>;
}
type Family = { name: string; type: string; metrics: Sample[] };

function sample(families: Family[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name) ?? assert.fail(`no ${name} in /metrics`);
  const match = family.metrics.find((m) =>
    Object.entries(labels).every(([key, value]) => m.labels?.[key] === value),
  );
  return Number(match?.value ?? match?.count ?? 0);
}

function resumedNotices(client: RelayTestClient): number {
  return client.events.filter((e) => e.type === 'notice' && e.code === 'upstream-resumed').length;
}

it('/metrics needs the bearer token, parses as Prometheus text, and counts what happened', async () => {
  stack = await startNodeStack({ fake: { script: SCRIPT }, relay: { metricsToken: TOKEN } });
  const { fake, relay } = stack;
  const client = await RelayTestClient.create(relay.url, 'frontend-mid', ORIGIN);
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');
  const frames = toFrames(makeSilencePcm(200));
  for (const frame of frames) client.sendAudio(frame);
  const sentBytes = frames.reduce((sum, f) => sum + f.byteLength, 0);
  await audioReceived(fake, sentBytes);

  (await fake.nextConnection()).goAway('30s');
  await client.waitFor((c) => resumedNotices(c) === 1, 'resumed after goAway');
  (await fake.nextConnection()).close(1011, 'Internal error encountered.');
  await client.waitFor((c) => resumedNotices(c) === 2, 'resumed after 1011');
  await fake.nextConnection();

  // The network drops; the client comes back over SSE (what the widget's fallback does).
  const cursor = client.lastEventId;
  client.drop();
  await client.waitForClose();
  await client.connectSse({ lastEventId: cursor });
  await client.postMessage({ type: 'end' });
  await client.waitForEvent('ended');

  const anonymous = await fetch(`${relay.url}/metrics`);
  assert.equal(anonymous.status, 401);
  assert.equal(
    (await fetch(`${relay.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status,
    401,
  );
  const response = await fetch(`${relay.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  for (const secret of [TOKEN, CANARY_KEY, client.session.token, client.session.sessionId])
    assert.ok(!text.includes(secret), 'no token, key or session id in the metrics');
  const families = parsePrometheusTextFormat(text) as Family[];

  assert.equal(sample(families, 'vi_sessions_started_total'), 1);
  assert.equal(sample(families, 'vi_sessions_ended_total', { reason: 'candidate-ended' }), 1);
  assert.equal(sample(families, 'vi_sessions_live'), 0, 'an ended session no longer counts as live');
  assert.equal(sample(families, 'vi_client_connections_total', { transport: 'websocket' }), 1);
  assert.equal(sample(families, 'vi_client_connections_total', { transport: 'sse' }), 1);
  assert.equal(sample(families, 'vi_transport_fallbacks_total', { from: 'websocket', to: 'sse' }), 1);
  assert.equal(sample(families, 'vi_upstream_reconnects_total', { cause: 'goaway' }), 1);
  assert.equal(sample(families, 'vi_upstream_reconnects_total', { cause: 'unavailable' }), 1);
  assert.equal(sample(families, 'vi_upstream_resumes_total'), 2);
  assert.equal(sample(families, 'vi_audio_bytes_total', { direction: 'in' }), sentBytes);
  assert.equal(
    sample(families, 'vi_audio_bytes_total', { direction: 'out' }),
    client.audioBytes().byteLength,
  );
  assert.ok(client.audioBytes().byteLength > 0);
  assert.equal(sample(families, 'vi_audio_seconds_total', { direction: 'in' }), sentBytes / 32_000);
  assert.equal(sample(families, 'vi_create_to_ready_seconds'), 1, 'one observation');
  assert.equal(sample(families, 'vi_uplink_to_upstream_seconds'), frames.length);
  assert.equal(sample(families, 'vi_errors_total'), 0);
});
