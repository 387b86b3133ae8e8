import type { EndReason, InterviewProgress, Role } from '../protocol/messages';
import type { InterviewReport } from '../protocol/report';
import type { DeliverySnapshot } from './delivery-recorder';

/**
 * What a session needs to come back after its process or Durable Object lost its memory: the Gemini
 * resumption handle (the conversation lives on at Google for two hours), where the event sequence and the
 * candidate audio sequence stood, and the transcript so far (for the report). Saved at creation (no handle yet: a restore starts the
 * conversation afresh), after every turn, when the interview starts ending, and at the end.
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
  /** The delivery figures so far (absent in checkpoints written before they were measured). */
  delivery?: DeliverySnapshot;
  /** The report of an ended interview and the event id it was sent with: a returning client still gets it. */
  report?: InterviewReport;
  reportEventId?: number;
  endReason?: EndReason;
  /** The interview was ending (its report being written) when this was saved: a restore finishes that. */
  endingReason?: EndReason;
  /** The question the interviewer last announced (absent before the first one). */
  progress?: InterviewProgress;
}

/** Durable storage for checkpoints (a Durable Object's storage); Node keeps sessions in memory and has none. */
export interface CheckpointStore {
  load(sessionId: string): Promise<SessionCheckpoint | undefined>;
  save(sessionId: string, checkpoint: SessionCheckpoint): void;
}
