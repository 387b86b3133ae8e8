/**
 * The scripted conversation of the long-interview tests (protocol client and widget alike): twelve
 * interviewer turns, eleven answers. Plain data, so browser tests can import it too.
 */
export const LONG_SCRIPT = [
  { interviewer: 'Welcome. Tell me about yourself.' },
  { candidate: 'I am a frontend engineer.', interviewer: 'What project are you proud of?' },
  { candidate: 'A design system.', interviewer: 'Why was it hard?' },
  { candidate: 'Many teams used it.', interviewer: 'How did you test it?' },
  { candidate: 'Visual regression tests.', interviewer: 'How do you handle state?' },
  { candidate: 'Small stores per feature.', interviewer: 'Tell me about performance work.' },
  { candidate: 'I cut bundle size in half.', interviewer: 'How did you measure it?' },
  { candidate: 'With a budget in CI.', interviewer: 'What about accessibility?' },
  { candidate: 'Audits every release.', interviewer: 'A conflict you resolved?' },
  { candidate: 'We paired on it.', interviewer: 'What would you change now?' },
  { candidate: 'Fewer abstractions.', interviewer: 'Any questions for me?' },
  { candidate: 'What is the team like?', interviewer: 'Small and kind. Thank you, goodbye.' },
];
