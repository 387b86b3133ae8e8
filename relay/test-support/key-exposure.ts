/**
 * For "the Gemini key never reaches a client or a log line" tests that stand alone: drives one relay through
 * the paths that carry text out — health, typed HTTP errors, a WebSocket interview with a spoken reply, a
 * refused POST, the report and the end — and returns exactly what a client saw and the relay logged meanwhile.
 */
import type { RelayStack } from './node-stack';
import { clientVisible, RelayTestClient, request } from './relay-test-client';

/** The fake's script for a stack passed to `exerciseClientSurfaces`. */
export const EXPOSURE_SCRIPT = [
  { interviewer: 'Hello, tell me about a project you are proud of.' },
  { candidate: 'I built a dashboard.', interviewer: 'Thank you, that is all from me.' },
];

export interface Exposure {
  /** Every response, header, message and close reason a client received during the run. */
  seen: string[];
  /** Every log line the relay wrote during the run. */
  logs: string[];
}

export async function exerciseClientSurfaces(stack: RelayStack, origin: string): Promise<Exposure> {
  const seenFrom = clientVisible.length;
  const logsFrom = stack.logs.length;
  await request(stack.url, 'GET', '/healthz');
  await request(stack.url, 'POST', '/v1/sessions', { body: { interview: 'no-such-interview' }, origin });
  await request(stack.url, 'POST', '/v1/sessions', {
    body: { interview: 'frontend-mid' },
    origin: 'https://foreign.test',
  });
  const client = await RelayTestClient.create(stack.url, 'frontend-mid', { origin });
  await request(stack.url, 'POST', `/v1/sessions/${client.session.sessionId}/messages`, {
    body: { type: 'ping' },
    token: 'forged.token',
  });
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');
  client.sendMessage({ type: 'text', text: 'I built a dashboard.' });
  await client.waitForEvent('turn-complete', 2);
  client.sendMessage({ type: 'end' });
  await client.waitForEvent('ended');
  client.close();
  await client.waitForClose();
  return { seen: clientVisible.slice(seenFrom), logs: stack.logs.slice(logsFrom) };
}
