import type { VoiceInterviewErrorCode } from '../errors';

/** What to tell a candidate about a failure, and what they can do next. */
export interface ErrorExplanation {
  title: string;
  body: string;
  /** Offer "Continue by typing": the interview can go on without a microphone. */
  offerTyping: boolean;
}

const EXPLANATIONS: Partial<Record<VoiceInterviewErrorCode, ErrorExplanation>> = {
  'mic-denied': {
    title: 'Microphone access is blocked',
    body: 'Allow the microphone for this site (the icon in the address bar), then try again. You can also answer by typing.',
    offerTyping: true,
  },
  'no-mic': {
    title: 'No microphone found',
    body: 'Connect a microphone or headset and try again, or continue and answer by typing.',
    offerTyping: true,
  },
  'mic-unavailable': {
    title: 'The microphone is busy',
    body: 'Another app may be using it. Close that app and try again, or answer by typing.',
    offerTyping: true,
  },
  'audio-unsupported': {
    title: 'Audio is not available here',
    body: 'This browser cannot run the interview audio. Try a current version of Chrome, Edge, Firefox or Safari.',
    offerTyping: false,
  },
  'relay-unreachable': {
    title: 'Cannot reach the interview service',
    body: 'Check your internet connection. If you are on a work or school network, it may block the service. Then try again.',
    offerTyping: false,
  },
  'unknown-interview': {
    title: 'This interview does not exist',
    body: 'The page asked for an interview the service does not know. Let the site owner know; choose another interview if the page offers one.',
    offerTyping: false,
  },
  'session-limit': {
    title: 'All interview slots are busy',
    body: 'Too many interviews are running right now. Wait a minute and try again.',
    offerTyping: false,
  },
  'rate-limited': {
    title: 'Too many attempts',
    body: 'Wait a minute before starting another interview.',
    offerTyping: false,
  },
  'forbidden-origin': {
    title: 'This site may not use the interview service',
    body: 'The service does not accept interviews from this page. Let the site owner know.',
    offerTyping: false,
  },
  'upstream-handle-expired': {
    title: 'The interview could not be picked up again',
    body: 'The interviewer no longer has this conversation (it was paused too long). Your answers so far are in the transcript; start a new interview to go on.',
    offerTyping: false,
  },
  'connection-lost': {
    title: 'The connection was lost',
    body: 'We could not reconnect. Check your connection and start again.',
    offerTyping: false,
  },
};

export function explainError(code: VoiceInterviewErrorCode, retryable: boolean): ErrorExplanation {
  return (
    EXPLANATIONS[code] ?? {
      title: 'The interview stopped',
      body: retryable
        ? 'Something went wrong on our side. Please try again.'
        : 'Something went wrong on our side.',
      offerTyping: false,
    }
  );
}
