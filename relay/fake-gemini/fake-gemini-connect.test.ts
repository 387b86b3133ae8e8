import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Modality } from '@google/genai';
import { WebSocket } from 'ws';
import { startFakeGemini } from './fake-gemini-server';
import { AUDIO_CONFIG, openLiveClient, TEST_KEY } from './live-test-client';

const LIVE_PATH = '//ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent';

test('SDK connects on the exact //ws/ path with ?key= and gets setupComplete', async (t) => {
  const fake = await startFakeGemini();
  t.after(() => fake.close());
  const client = openLiveClient(fake);
  const session = await client.connected;
  const conn = await fake.nextConnection();
  assert.equal(conn.path, LIVE_PATH);
  assert.equal(conn.apiKey, TEST_KEY);
  const setup = await conn.setup;
  assert.equal(setup.model, 'models/gemini-2.5-flash-native-audio-preview-09-2025');
  assert.deepEqual(client.messages[0]?.setupComplete, {});
  assert.match(String(conn.headers['user-agent']), /google-genai-sdk/);
  session.close();
  assert.equal((await conn.closed).code, 1005, 'Session.close() sends no status code');
});

test('server frames are binary, pretty-printed JSON with a trailing newline', async (t) => {
  const fake = await startFakeGemini();
  t.after(() => fake.close());
  const ws = new WebSocket(`${fake.baseUrl.replace('http', 'ws')}/${LIVE_PATH}?key=k`);
  const frame = new Promise<{ data: Buffer; isBinary: boolean }>((resolve) => {
    ws.once('message', (data, isBinary) => resolve({ data: data as Buffer, isBinary }));
  });
  ws.on('open', () => ws.send(JSON.stringify({ setup: { model: 'models/x' } })));
  const { data, isBinary } = await frame;
  assert.equal(isBinary, true);
  assert.equal(data.toString('utf8'), '{\n  "setupComplete": {}\n}\n');
  ws.close();
});

test('x-goog-api-key and Authorization: Token headers are read like the Python SDK sends them', async (t) => {
  const fake = await startFakeGemini();
  t.after(() => fake.close());
  const url = `${fake.baseUrl.replace('http', 'ws')}/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained`;
  const ws = new WebSocket(url, {
    headers: { 'x-goog-api-key': 'hk', authorization: 'Token auth_tokens/abc' },
  });
  const conn = await fake.nextConnection();
  assert.equal(conn.apiKey, 'hk');
  assert.equal(conn.accessToken, 'auth_tokens/abc');
  await new Promise((resolve) => ws.once('open', resolve));
  ws.close();
  await conn.closed;
});

test('paths that are not a Live method get HTTP 404', async (t) => {
  const fake = await startFakeGemini();
  t.after(() => fake.close());
  const ws = new WebSocket(
    `${fake.baseUrl.replace('http', 'ws')}//ws/google.ai.generativelanguage.v1beta.Nope`,
  );
  const status = await new Promise<number>((resolve) => {
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
  });
  assert.equal(status, 404);
});

test('setup with a model outside models/ closes 1008 "…is not found…" (truncated to 123 bytes)', async (t) => {
  const fake = await startFakeGemini();
  t.after(() => fake.close());
  const client = openLiveClient(fake, AUDIO_CONFIG, { model: 'tunedModels/nope' });
  const result = await Promise.race([client.connected.then(() => 'connected' as const), client.closed]);
  assert.notEqual(result, 'connected');
  const { code, reason } = await client.closed;
  assert.equal(code, 1008);
  assert.match(
    reason,
    /^tunedModels\/nope is not found for API version v1beta, or is not supported for bidiGen/,
  );
  assert.ok(Buffer.byteLength(reason) <= 123);
});

test('two response modalities close 1007 "Request contains an invalid argument."', async (t) => {
  const fake = await startFakeGemini();
  t.after(() => fake.close());
  const client = openLiveClient(fake, { responseModalities: [Modality.TEXT, Modality.AUDIO] });
  const result = await Promise.race([client.connected.then(() => 'connected' as const), client.closed]);
  assert.deepEqual(result, { code: 1007, reason: 'Request contains an invalid argument.' });
  const conn = await fake.nextConnection();
  await assert.rejects(conn.setup);
});

test('a first frame that is not JSON, or not setup, closes 1007', async (t) => {
  const fake = await startFakeGemini();
  t.after(() => fake.close());
  for (const first of ['not json', JSON.stringify({ realtimeInput: { text: 'hi' } })]) {
    const ws = new WebSocket(`${fake.baseUrl.replace('http', 'ws')}/${LIVE_PATH}?key=k`);
    ws.on('open', () => ws.send(first));
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    assert.equal(code, 1007, first);
  }
});

test('wrong API key: upgrade succeeds, then 1007 "API key not valid…" after the setup frame', async (t) => {
  const fake = await startFakeGemini({ requireApiKey: 'right' });
  t.after(() => fake.close());
  const client = openLiveClient(fake, AUDIO_CONFIG, { apiKey: 'wrong' });
  const result = await Promise.race([client.connected.then(() => 'connected' as const), client.closed]);
  assert.deepEqual(result, { code: 1007, reason: 'API key not valid. Please pass a valid API key.' });
  const conn = await fake.nextConnection();
  assert.equal(conn.frames.length, 1, 'closed after, not before, the setup frame');

  const good = openLiveClient(fake, AUDIO_CONFIG, { apiKey: 'right' });
  const session = await good.connected;
  session.close();
});

test('rejectUpgradesWith: 403 surfaces as onerror then onclose 1006', async (t) => {
  const fake = await startFakeGemini({ rejectUpgradesWith: 403 });
  t.after(() => fake.close());
  const client = openLiveClient(fake);
  const result = await Promise.race([client.connected.then(() => 'connected' as const), client.closed]);
  assert.deepEqual(result, { code: 1006, reason: '' });
  assert.deepEqual(client.errors, ['Unexpected server response: 403']);
});

test('close reasons are truncated to 123 UTF-8 bytes without splitting a character', async (t) => {
  const fake = await startFakeGemini();
  t.after(() => fake.close());
  const client = openLiveClient(fake);
  await client.connected;
  const conn = await fake.nextConnection();
  conn.close(1011, `Internal error encountered. ${'é'.repeat(100)}`);
  const { code, reason } = await client.closed;
  assert.equal(code, 1011);
  assert.ok(Buffer.byteLength(reason) <= 123, `${Buffer.byteLength(reason)} bytes`);
  assert.equal(Buffer.byteLength(reason), 122, '28 ASCII bytes + 47 two-byte characters');
  assert.ok(reason.startsWith('Internal error encountered. éé'));
});

test('drop() destroys the socket without a close frame: the client sees 1006', async (t) => {
  const fake = await startFakeGemini();
  t.after(() => fake.close());
  const client = openLiveClient(fake);
  await client.connected;
  (await fake.nextConnection()).drop();
  assert.equal((await client.closed).code, 1006);
});
