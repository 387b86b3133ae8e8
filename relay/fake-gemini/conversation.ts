/**
 * State that outlives one WebSocket: which interviewer turn comes next, what was said and heard, the audio
 * received, and a pending end_interview call. Connections linked by resumption handles share one.
 */

import { concatBytes } from '../protocol/bytes';
import type { Interviewer } from './interviewer';
import type { FakeConnection, FakeConversation, SpokenTurn } from './types';

export class Conversation implements FakeConversation {
  readonly connections: FakeConnection[] = [];
  readonly spokenTurns: SpokenTurn[] = [];
  turnIndex = 0;
  /** The open connection currently serving this conversation, if any. */
  active: FakeConnection | undefined;
  /** Id of an end_interview call that awaits its toolResponse. */
  pendingToolCallId: string | undefined;
  /** Ids of next_question calls that await their toolResponse. */
  pendingQuestionCalls: string[] = [];
  /** Rough token accounting for usageMetadata (about 32 tokens per second of audio, 4 chars per token). */
  promptTokens = 0;
  private readonly chunks: Uint8Array[] = [];

  constructor(
    readonly id: number,
    readonly interviewer: Interviewer,
  ) {}

  get scriptLength(): number {
    return this.interviewer.length;
  }

  get finished(): boolean {
    return this.turnIndex >= this.interviewer.length;
  }

  recordAudio(chunk: Uint8Array): void {
    this.chunks.push(chunk);
  }

  audioIn(): Uint8Array {
    return concatBytes(this.chunks);
  }

  audioChunks(): Uint8Array[] {
    return [...this.chunks];
  }

  /** What a resumption handle issued now stands for. */
  snapshot(): ConversationSnapshot {
    return {
      turnIndex: this.turnIndex,
      audioChunks: this.chunks.length,
      spokenTurns: this.spokenTurns.length,
    };
  }

  /**
   * Back to a handle's state, as a resume does: what the old connection consumed after the handle was
   * issued (candidate audio, answers, the interviewer's words) is not part of the resumed session.
   */
  restore(snapshot: ConversationSnapshot): void {
    this.turnIndex = snapshot.turnIndex;
    this.chunks.length = Math.min(this.chunks.length, snapshot.audioChunks);
    this.spokenTurns.length = Math.min(this.spokenTurns.length, snapshot.spokenTurns);
  }
}

/** The conversation as a handle captured it: the next turn and how much was heard and said by then. */
export interface ConversationSnapshot {
  turnIndex: number;
  audioChunks: number;
  spokenTurns: number;
}

/** The documented validity of a resumption handle: 2 hours. */
export const HANDLE_TTL_MS = 2 * 60 * 60 * 1000;

/**
 * Resumption handles issued by one fake server; each remembers the conversation as it was when issued.
 * Handles older than the TTL whose conversation has no open connection are forgotten, so a long-running
 * simulator does not keep every past interview alive.
 */
export class HandleRegistry {
  private readonly handles = new Map<
    string,
    { conversation: Conversation; snapshot: ConversationSnapshot; issuedAt: number }
  >();

  constructor(
    private readonly ttlMs = HANDLE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  issue(conversation: Conversation): string {
    const now = this.now();
    for (const [h, r] of this.handles) {
      if (now - r.issuedAt > this.ttlMs && !r.conversation.active) this.handles.delete(h);
    }
    const handle = `fake-resume-${conversation.id}-${crypto.randomUUID()}`;
    this.handles.set(handle, { conversation, snapshot: conversation.snapshot(), issuedAt: now });
    return handle;
  }

  /** Fault injection: every handle issued so far is past its TTL now (a pause of more than 2 hours). */
  expireAll(): void {
    for (const record of this.handles.values()) record.issuedAt = Number.NEGATIVE_INFINITY;
  }

  resolve(handle: string): { conversation: Conversation; snapshot: ConversationSnapshot } | undefined {
    const record = this.handles.get(handle);
    if (record && this.now() - record.issuedAt > this.ttlMs && !record.conversation.active) {
      this.handles.delete(handle);
      return undefined;
    }
    return record;
  }
}
