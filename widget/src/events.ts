import type { EndReason, FeedbackReport, NoticeCode, Role } from '../../relay/protocol/index';
import type { VoiceInterviewErrorCode } from './errors';
import type { InterviewState } from './session/interview-session';

/** `vi-state`: the `state` attribute changed. */
export interface VoiceInterviewStateDetail {
  state: InterviewState;
  previous: InterviewState;
}

/** `vi-transcript`: a turn started or its text changed (partial updates share `turnId`). */
export interface VoiceInterviewTranscriptDetail {
  role: Role;
  turnId: string;
  text: string;
  final: boolean;
}

/** `vi-error`: the interview could not start or could not go on. */
export interface VoiceInterviewErrorDetail {
  code: VoiceInterviewErrorCode;
  message: string;
  /** True when trying again may succeed. */
  retryable: boolean;
}

/** `vi-end`: the interview is over; `report` is the feedback report when the relay sent one. */
export interface VoiceInterviewEndDetail {
  reason: EndReason;
  report: FeedbackReport | null;
}

/** `vi-report`: the end-of-interview report arrived (docs/report.md); it is also in `vi-end`. */
export interface VoiceInterviewReportDetail {
  report: FeedbackReport;
}

/**
 * `vi-notice`: the relay told the candidate something while the interview goes on (`upstream-reconnecting`,
 * `upstream-resumed`, `audio-gap`, `report-unavailable`, `time-warning`, `time-up`). `message` is the
 * relay's English text; the element shows its own translation.
 */
export interface VoiceInterviewNoticeDetail {
  code: NoticeCode;
  message: string;
}

export interface VoiceInterviewEventMap {
  'vi-state': CustomEvent<VoiceInterviewStateDetail>;
  'vi-transcript': CustomEvent<VoiceInterviewTranscriptDetail>;
  'vi-error': CustomEvent<VoiceInterviewErrorDetail>;
  'vi-end': CustomEvent<VoiceInterviewEndDetail>;
  'vi-report': CustomEvent<VoiceInterviewReportDetail>;
  'vi-notice': CustomEvent<VoiceInterviewNoticeDetail>;
}

type DetailOf<K extends keyof VoiceInterviewEventMap> = VoiceInterviewEventMap[K]['detail'];

/** Every event bubbles and is composed, so hosts can listen anywhere above the element. */
export function voiceInterviewEvent<K extends keyof VoiceInterviewEventMap>(
  name: K,
  detail: DetailOf<K>,
): VoiceInterviewEventMap[K] {
  return new CustomEvent(name, { detail, bubbles: true, composed: true }) as VoiceInterviewEventMap[K];
}

declare global {
  interface GlobalEventHandlersEventMap extends VoiceInterviewEventMap {}
}
