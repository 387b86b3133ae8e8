import { INPUT_SAMPLE_RATE, OUTPUT_SAMPLE_RATE } from '../protocol/limits';
import type { InterviewProgress, ReadyEvent } from '../protocol/messages';
import { PROTOCOL_VERSION } from '../protocol/version';
import { type InterviewTemplate, interviewInfo } from './interview-templates';

/** What a connection is told first: the session, its sample rates, and where the interview stands. */
export function readyEvent(session: {
  sessionId: string;
  template: InterviewTemplate;
  simulated: boolean;
  resumed: boolean;
  lastAudioSeq: number;
  progress: InterviewProgress | undefined;
  /** When the interview went live (epoch ms; 0: not yet). */
  startedAtMs: number;
}): ReadyEvent {
  const elapsedMs = session.startedAtMs === 0 ? 0 : Date.now() - session.startedAtMs;
  return {
    type: 'ready',
    protocol: PROTOCOL_VERSION,
    sessionId: session.sessionId,
    interview: interviewInfo(session.template),
    simulated: session.simulated,
    inputSampleRate: INPUT_SAMPLE_RATE,
    outputSampleRate: OUTPUT_SAMPLE_RATE,
    resumed: session.resumed,
    lastAudioSeq: session.lastAudioSeq,
    ...(session.progress ? { progress: session.progress } : {}),
    remainingSec: Math.max(0, Math.round(session.template.durationLimitSec - elapsedMs / 1000)),
  };
}
