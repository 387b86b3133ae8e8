/** The interview both sides of the engine suites agree on (the page checks the text, the runner scripts the fake). */
export const SPOKEN_ANSWER = 'Hello. Last year I built a design system.';
export const REPLY = 'Nice. How did you keep it accessible?';
export const GREETING =
  'Hi, I am Maya and I will be your interviewer today. Thanks for making the time. To start, please tell me ' +
  'about a recent project you are proud of, what your role was, and what you would do differently next time.';
/** Typed while the microphone is muted; any answer there gets the follow-up. */
export const TYPED_ANSWER = 'I wrote accessibility tests for every component.';
export const FOLLOW_UP = 'Good. How did you measure that it worked?';
export const SCRIPT = [
  { interviewer: GREETING },
  { candidate: SPOKEN_ANSWER, interviewer: REPLY },
  { interviewer: FOLLOW_UP },
  { interviewer: 'Thank you, that is all for today.' },
];
