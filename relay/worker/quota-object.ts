import { errorResponse, json } from '../core/http-responses';
import { QuotaBook, type QuotaEntry } from '../core/quota-book';
import { ProtocolError } from '../protocol/protocol-error';
import { relayRuntime, type WorkerEnv } from './worker-env';
import type { DurableObjectState } from './workerd-types';

const ENTRIES_KEY = 'entries';

/** What the Worker and the session objects ask the quota object, as JSON bodies of internal POSTs. */
export type QuotaCall =
  | { op: 'admit'; client: string; sessionId: string; until: number }
  | { op: 'extend'; sessionId: string; until: number }
  | { op: 'release'; sessionId: string };

/**
 * The relay-wide caps on Workers (`env.QUOTA.idFromName('global')`): session count, sessions per client and
 * creations per client per minute, in one {@link QuotaBook}. Per-isolate counters would be no limit at all:
 * every isolate (and there are many) would have its own. Slots are persisted so a restart keeps them.
 */
export class QuotaObject {
  #book: Promise<QuotaBook> | undefined;

  constructor(
    private readonly state: DurableObjectState,
    private readonly env: WorkerEnv,
  ) {}

  async fetch(request: Request): Promise<Response> {
    try {
      const call = (await request.json()) as QuotaCall;
      const book = await this.#load();
      if (call.op === 'admit') book.admit(call.client, call.sessionId, call.until);
      else if (call.op === 'extend') book.extend(call.sessionId, call.until);
      else if (call.op === 'release') book.release(call.sessionId);
      else throw new ProtocolError('bad-request', 'unknown quota call');
      await this.state.storage.put(ENTRIES_KEY, book.entries());
      return json({ ok: true, active: book.active });
    } catch (error) {
      return errorResponse(error);
    }
  }

  #load(): Promise<QuotaBook> {
    this.#book ??= (async () => {
      const { config } = relayRuntime(this.env);
      const saved = await this.state.storage.get<Record<string, QuotaEntry>>(ENTRIES_KEY);
      return new QuotaBook(config, Date.now, saved ?? {});
    })();
    return this.#book;
  }
}

/** Asks the quota object; a refusal comes back as the ProtocolError it was. */
export async function callQuota(env: WorkerEnv, call: QuotaCall): Promise<void> {
  const stub = env.QUOTA.get(env.QUOTA.idFromName('global'));
  const answer = await stub.fetch(
    new Request('https://quota.internal/', { method: 'POST', body: JSON.stringify(call) }),
  );
  if (answer.ok) return;
  const body = (await answer.json()) as {
    error: { code: ProtocolError['code']; message: string; retryable: boolean };
  };
  throw new ProtocolError(body.error.code, body.error.message, body.error.retryable);
}
