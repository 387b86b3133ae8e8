/**
 * State that outlives one WebSocket: which interviewer turn comes next, what was said and heard, the audio
 * received, and a pending end_interview call. Connections linked by resumption handles share one.
 */
import type { Interviewer } from './interviewer';
import { concatBytes } from './pcm';
import type { FakeConnection, FakeConversation, SpokenTurn } from './types';

export class Conversation implements FakeConversation {
  readonly connections: FakeConnection[] = [];
  readonly spokenTurns: SpokenTurn[] = [];
  turnIndex = 0;
  /** The open connection currently serving this conversation, if any. */
  active: FakeConnection | undefined;
  /** Id of an end_interview call that awaits its toolResponse. */
  pendingToolCallId: string | undefined;
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
}

/** Resumption handles issued by one fake server; each remembers the turn that came next when issued. */
export class HandleRegistry {
  private readonly handles = new Map<string, { conversation: Conversation; turnIndex: number }>();

  issue(conversation: Conversation): string {
    const handle = `fake-resume-${conversation.id}-${crypto.randomUUID()}`;
    this.handles.set(handle, { conversation, turnIndex: conversation.turnIndex });
    return handle;
  }

  resolve(handle: string): { conversation: Conversation; turnIndex: number } | undefined {
    return this.handles.get(handle);
  }
}
