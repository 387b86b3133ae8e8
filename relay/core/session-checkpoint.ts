import type { Role } from '../protocol/messages';

/**
 * What a session needs to come back after its process or Durable Object lost its memory: the Gemini
 * resumption handle (the conversation lives on at Google for two hours), where the event sequence and the
 * candidate audio sequence stood, and the transcript so far (for the report). Saved after every turn.
 */
export interface SessionCheckpoint {
  resumeHandle: string;
  lastEventId: number;
  lastAudioSeq: number;
  history: { role: Role; text: string }[];
  /** When the interview went live (epoch ms): a restored session keeps its original time limit. */
  startedAtMs: number;
  /** The interview is over: a token for it must not start it again. */
  ended: boolean;
}

/** Durable storage for checkpoints (a Durable Object's storage); Node keeps sessions in memory and has none. */
export interface CheckpointStore {
  load(sessionId: string): Promise<SessionCheckpoint | undefined>;
  save(sessionId: string, checkpoint: SessionCheckpoint): void;
}
