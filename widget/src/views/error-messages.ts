import type { VoiceInterviewErrorCode } from '../errors';
import type { StringKey, UiStrings } from '../i18n/localize';

/** What to tell a candidate about a failure, and what they can do next. */
export interface ErrorExplanation {
  title: string;
  body: string;
  /** Offer "Continue by typing": the interview can go on without a microphone. */
  offerTyping: boolean;
}

/** Codes with their own title and body in the string table (`<code>`, `<code>-body`). */
const EXPLAINED: readonly VoiceInterviewErrorCode[] = [
  'mic-denied',
  'no-mic',
  'mic-unavailable',
  'audio-unsupported',
  'relay-unreachable',
  'unknown-interview',
  'session-limit',
  'rate-limited',
  'forbidden-origin',
  'upstream-handle-expired',
  'connection-lost',
];
/** Failures the interview survives without a microphone. */
const TYPING_HELPS: readonly VoiceInterviewErrorCode[] = ['mic-denied', 'no-mic', 'mic-unavailable'];

export function explainError(
  code: VoiceInterviewErrorCode,
  retryable: boolean,
  t: UiStrings,
): ErrorExplanation {
  const offerTyping = TYPING_HELPS.includes(code);
  if (EXPLAINED.includes(code)) {
    return { title: t[code as StringKey], body: t[`${code}-body` as StringKey], offerTyping };
  }
  return { title: t.error, body: retryable ? t['error-retry-body'] : t['error-body'], offerTyping };
}
