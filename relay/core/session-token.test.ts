import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ProtocolError } from '../protocol/protocol-error';
import { newSessionId, TokenSigner } from './session-token';

const claims = {
  sid: 'session-a',
  int: 'frontend-mid',
  var: { candidateName: 'Ada' },
  exp: 2_000,
  end: 3_000,
};
const isUnauthorized = (error: unknown) => error instanceof ProtocolError && error.code === 'unauthorized';

it('verifies its own tokens and returns the claims', async () => {
  const signer = new TokenSigner('secret-1');
  const token = await signer.sign(claims);
  assert.deepEqual(await signer.verify(token, 'session-a', 1_000), claims);
});

it('refuses expired, foreign-session, tampered, wrongly-signed and malformed tokens', async () => {
  const signer = new TokenSigner('secret-1');
  const token = await signer.sign(claims);
  await assert.rejects(signer.verify(token, 'session-a', 2_001), isUnauthorized);
  await assert.rejects(signer.verify(token, 'session-b', 1_000), isUnauthorized);
  const [body, mac] = token.split('.') as [string, string];
  const forged = Buffer.from(JSON.stringify({ ...claims, int: 'backend-senior' })).toString('base64url');
  await assert.rejects(signer.verify(`${forged}.${mac}`, 'session-a', 1_000), isUnauthorized);
  await assert.rejects(new TokenSigner('secret-2').verify(token, 'session-a', 1_000), isUnauthorized);
  for (const bad of ['', 'abc', `${body}.`, `${body}.${mac}.x`, `${body}.!!!`, null]) {
    await assert.rejects(signer.verify(bad, 'session-a', 1_000), isUnauthorized);
  }
});

it('makes unguessable, URL-safe session ids', () => {
  const ids = new Set(Array.from({ length: 100 }, newSessionId));
  assert.equal(ids.size, 100);
  for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{22}$/);
});
