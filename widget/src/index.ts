/**
 * Entry point of the one-file bundle (`dist/voice-interview.js`) and of the ESM build: registers
 * `<voice-interview>` and exports the public types.
 */
import { defineVoiceInterview } from './define';

export { defineVoiceInterview, TAG_NAME } from './define';
export { InvalidStateError, VoiceInterviewError, type VoiceInterviewErrorCode } from './errors';
export type {
  VoiceInterviewEndDetail,
  VoiceInterviewErrorDetail,
  VoiceInterviewEventMap,
  VoiceInterviewStateDetail,
  VoiceInterviewTranscriptDetail,
} from './events';
export type { InterviewState } from './session/interview-session';
export type { TransportKind, TransportPreference } from './session/transport';
export { WIDGET_VERSION } from './version';
export { VoiceInterview, type VoiceInterviewTheme, type VoiceInterviewVariant } from './voice-interview';

defineVoiceInterview();
