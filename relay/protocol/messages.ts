import type { InterviewReport } from './report';

/**
 * Message types of the widget <-> relay protocol (version {@link PROTOCOL_VERSION}).
 * Every server event carries a per-session, strictly increasing `id`; audio frames share that sequence,
 * so a client that reconnects with the last id it saw gets exactly what it missed, on either transport.
 */

export type Role = 'candidate' | 'interviewer';

/** Every error a client can be told about. Stable strings: clients switch on them. */
export type ErrorCode =
  | 'bad-request'
  | 'protocol'
  | 'payload-too-large'
  | 'unauthorized'
  | 'forbidden-origin'
  | 'forbidden-host'
  | 'session-not-found'
  | 'unknown-interview'
  | 'rate-limited'
  | 'session-limit'
  | 'upstream-rejected'
  | 'upstream-policy'
  | 'upstream-unavailable'
  | 'upstream-lost'
  /** Gemini no longer knows the conversation (its resumption handle is unknown or expired). */
  | 'upstream-handle-expired'
  /** The relay is shutting down: reconnect (to another instance, or this one once it is back). */
  | 'relay-draining'
  | 'internal';

export type EndReason =
  | 'completed'
  | 'candidate-ended'
  | 'time-limit'
  | 'abandoned'
  | 'upstream-closed'
  | 'error';

export interface InterviewInfo {
  id: string;
  title: string;
  role: string;
  level: string;
  language: string;
  durationLimitSec: number;
  /** Number of questions in the template's plan (the `of` of every `progress` event). */
  questionCount: number;
}

/** Where the interview is in its question plan: announced by the interviewer, never guessed. */
export interface InterviewProgress {
  /** 1-based number of the question being asked. */
  question: number;
  /** Questions in the plan. */
  of: number;
  /** Short topic of the current question, from the template's plan. */
  topic: string;
}

export interface ReadyEvent {
  type: 'ready';
  protocol: number;
  sessionId: string;
  interview: InterviewInfo;
  /** True when the upstream is the built-in simulated interviewer, not Gemini. */
  simulated: boolean;
  inputSampleRate: number;
  outputSampleRate: number;
  /** True when this connection resumed an existing session. */
  resumed: boolean;
  /** Highest candidate audio sequence number the relay has accepted (0: none). Resend anything newer. */
  lastAudioSeq: number;
  /** The current question on a resumed session (absent before the first question). */
  progress?: InterviewProgress;
  /** Seconds of the time limit left when this connection was made. */
  remainingSec: number;
}

export interface TranscriptEvent {
  type: 'transcript';
  role: Role;
  /** Stable per turn: partial updates of one turn share it. */
  turnId: string;
  /** The whole text of the turn so far (not a fragment). */
  text: string;
  final: boolean;
}

/** The interviewer moved on to a new question of the plan. */
export interface ProgressEvent extends InterviewProgress {
  type: 'progress';
}

export interface InterruptedEvent {
  type: 'interrupted';
}

export interface TurnCompleteEvent {
  type: 'turn-complete';
}

export type NoticeCode =
  | 'upstream-reconnecting'
  | 'upstream-resumed'
  | 'time-warning'
  | 'time-up'
  | 'audio-gap'
  | 'report-unavailable'
  /** The relay is restarting: the session was saved and the client should reconnect. */
  | 'relay-restarting';

export interface NoticeEvent {
  type: 'notice';
  code: NoticeCode;
  message: string;
}

/** The end-of-interview report (its own versioned contract: relay/protocol/report.ts, docs/report.md). */
export type FeedbackReport = InterviewReport;

export interface ReportEvent {
  type: 'report';
  report: FeedbackReport;
}

/**
 * Gemini no longer has the conversation (its resumption handle expired or is unknown), but the transcript
 * is kept: the client may answer `{type:'continue'}` within `waitSec` to go on in a new interviewer
 * session that is given the transcript so far. Without that answer the session ends with the error
 * `upstream-handle-expired`. A `notice` `upstream-resumed` follows when the new session is up.
 */
export interface ContinuationOfferEvent {
  type: 'continuation-offer';
  waitSec: number;
}

export interface EndedEvent {
  type: 'ended';
  reason: EndReason;
}

export interface ErrorEvent {
  type: 'error';
  code: ErrorCode;
  message: string;
  /** True when trying again later may succeed. */
  retryable: boolean;
}

/**
 * Sent (id 0) every 15 s to an attached client on both transports. A client that hears nothing at all —
 * no frame, no heartbeat — for much longer knows its connection is dead even when no close arrived
 * (a network that vanished without a FIN), and reconnects.
 */
export interface HeartbeatEvent {
  type: 'heartbeat';
}

export type ServerEvent =
  | ReadyEvent
  | HeartbeatEvent
  | TranscriptEvent
  | ProgressEvent
  | InterruptedEvent
  | TurnCompleteEvent
  | NoticeEvent
  | ContinuationOfferEvent
  | ReportEvent
  | EndedEvent
  | ErrorEvent;

export type ServerEventType = ServerEvent['type'];

/**
 * A server event as it travels: with its sequence id. Id 0 marks an event that belongs to one connection,
 * not to the session's sequence (`ready`, or an `error` about a frame this connection sent): it is never
 * replayed and must not move a client's resume cursor.
 */
export type SequencedEvent = ServerEvent & { id: number };

/** Control messages from the client (WebSocket text frames, or POST /messages bodies). */
export interface TextAnswerMessage {
  type: 'text';
  text: string;
}
export interface EndMessage {
  type: 'end';
}
/** The microphone paused (muted): lets the upstream flush its buffered audio. */
export interface AudioEndMessage {
  type: 'audio-end';
}
export interface PingMessage {
  type: 'ping';
}
/**
 * A candidate control. The relay answers each with a fixed instruction of its own to the interviewer;
 * a page can never send free text as an instruction. `repeat`: ask the last question again, rephrased.
 * `skip`: move to the next question (recorded for the report). `done`: the answer is finished; end the
 * candidate's turn now instead of waiting for the silence timeout.
 */
export type ControlAction = 'repeat' | 'skip' | 'done';
export const CONTROL_ACTIONS: readonly ControlAction[] = ['repeat', 'skip', 'done'];
export interface ControlMessage {
  type: 'control';
  action: ControlAction;
}

/** Accepts a `continuation-offer`: go on in a new interviewer session given the transcript so far. */
export interface ContinueMessage {
  type: 'continue';
}

export type ClientMessage =
  | TextAnswerMessage
  | EndMessage
  | AudioEndMessage
  | PingMessage
  | ControlMessage
  | ContinueMessage;
export type ClientMessageType = ClientMessage['type'];

/** Body of POST /v1/sessions. */
export interface CreateSessionRequest {
  interview: string;
  variables?: Record<string, string>;
}

/** Answer of POST /v1/sessions (201). */
export interface CreateSessionResponse {
  sessionId: string;
  token: string;
  /** ISO time after which the token is no longer accepted for connecting. */
  expiresAt: string;
  protocol: number;
  interview: InterviewInfo;
  simulated: boolean;
}

/** Answer of POST /v1/sessions/{id}/token (200): fresh credentials for the same session. */
export interface RefreshTokenResponse {
  token: string;
  expiresAt: string;
}

/** Answer of POST /v1/sessions/{id}/audio (200). */
export interface AudioBatchResponse {
  accepted: number;
  duplicates: number;
  /** Highest sequence number accepted so far. */
  lastSeq: number;
  /** Sequence numbers skipped over (never received) in this batch. */
  gaps: number[];
}

/** Body of every non-2xx HTTP answer. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; retryable: boolean };
}
