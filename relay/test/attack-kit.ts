/** The attack catalogue's vocabulary: a case, what it observed, and the helpers that observe it. */
import type { TokenSigner } from '../core/session-token';
import { type RelayTestClient, request } from '../test-support/relay-test-client';

export type Runtime = 'node' | 'worker';

/** What a case observed: an HTTP answer, or what a WebSocket client was told. */
export interface Outcome {
  status?: number;
  code?: string | undefined;
  close?: number;
}

export interface AttackContext {
  runtime: Runtime;
  /** http://127.0.0.1:PORT */
  base: string;
  /** 127.0.0.1:PORT, as a Host header */
  hostHeader: string;
  /** An allowed foreign origin (ALLOWED_ORIGINS). */
  origin: string;
  /** Signs with the relay's secret, for expired or cross-session tokens. */
  signer: TokenSigner;
  /** A fresh session created from `origin`. */
  session(): Promise<RelayTestClient>;
}

export interface Attack {
  name: string;
  /** Runtimes the rule applies to (malformed HTTP/1.1 framing never reaches a Worker: the edge parses it). */
  on: readonly Runtime[];
  expect: Outcome;
  run(ctx: AttackContext): Promise<Outcome>;
}

export const ORIGIN = 'http://allowed.test';
export const SECRET = 'test-relay-secret-of-at-least-32-bytes';

const errorCode = (body: string): string | undefined => {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

/** An HTTP request through fetch, as its outcome. */
export async function httpOutcome(
  ctx: AttackContext,
  method: string,
  path: string,
  init: Parameters<typeof request>[3] = {},
): Promise<Outcome> {
  const answer = await request(ctx.base, method, path, init);
  return { status: answer.status, code: errorCode(answer.body) };
}

/** Connects over WebSocket and reports the close code and the error event that came before it. */
export async function socketOutcome(
  client: RelayTestClient,
  options: Parameters<RelayTestClient['connectWebSocket']>[0] = {},
): Promise<Outcome> {
  await client.connectWebSocket(options);
  await client.waitForClose();
  const error = client.events.find((event) => event.type === 'error');
  return { close: client.closeInfo?.code as number, code: error?.type === 'error' ? error.code : undefined };
}

/** Waits for the first `error` event on an open connection (a refusal that keeps the connection). */
export async function errorEventOf(client: RelayTestClient): Promise<Outcome> {
  await client.waitFor((c) => c.events.some((event) => event.type === 'error'), 'error event');
  const error = client.events.find((event) => event.type === 'error');
  return { code: error?.type === 'error' ? error.code : undefined };
}
