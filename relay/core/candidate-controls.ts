import type { ControlAction } from '../protocol/messages';

/**
 * The relay's own words to the interviewer for each candidate control. A page can only pick an action;
 * the text is fixed here. Each starts with a bracketed tag so the model (and the simulator, which cannot
 * understand prose) reads it as a request from the call software, not as the candidate's answer.
 */
export const CONTROL_INSTRUCTIONS = {
  repeat:
    '[control: repeat] The candidate asked to hear the question again. Repeat your last question, rephrased more simply. Do not move on and do not call next_question.',
  skip: '[control: skip] The candidate chose to skip this question. Acknowledge it briefly without judgement and move on to the next question of the plan.',
} as const;

/** Sent when the interview's time limit is reached (see time-limit.ts). */
export const WRAP_UP_INSTRUCTION =
  '[control: wrap-up] The time for this interview is up. Do not ask another question: thank the candidate in one or two sentences, say goodbye, then call end_interview.';

/** What the session does for one control. */
export interface ControlTarget {
  /** A turn of fixed text to the interviewer. */
  instruct(text: string): void;
  /** Flush the candidate's audio turn now (audioStreamEnd). */
  endAudioTurn(): void;
  /** The current question was skipped (for the report). */
  recordSkip(): void;
  /** The interviewer's next turn asks the current question again (for the report). */
  recordRepeat(): void;
}

export function applyControl(action: ControlAction, target: ControlTarget): void {
  switch (action) {
    case 'repeat':
      target.recordRepeat();
      target.instruct(CONTROL_INSTRUCTIONS.repeat);
      return;
    case 'skip':
      target.recordSkip();
      target.instruct(CONTROL_INSTRUCTIONS.skip);
      return;
    case 'done':
      target.endAudioTurn();
      return;
  }
}
