/** Scripted mode: turn 0 answers the kick-off, turn i answers the i-th candidate answer. */
import { type Interviewer, type InterviewerLine, spokenAnswerPlaceholder } from './interviewer';
import { synthesizeVoice } from './pcm';
import type { ScriptedTurn } from './types';

export const DEFAULT_SCRIPT: readonly ScriptedTurn[] = [
  { interviewer: 'Hello, thanks for joining. Could you tell me about a recent project?' },
  { candidate: 'I built a small web app.', interviewer: 'What was the hardest part of it?' },
  { candidate: 'Making it fast.', interviewer: 'Thank you, that is the end of the interview.' },
];

export function createScriptedInterviewer(script: readonly ScriptedTurn[] = DEFAULT_SCRIPT): Interviewer {
  if (script.length === 0) throw new Error('fake-gemini: script must have at least one turn');
  const lines: InterviewerLine[] = script.map((turn) => ({
    text: turn.interviewer,
    audio: turn.audio ?? synthesizeVoice(turn.interviewer),
    ...(turn.question ? { question: turn.question } : {}),
  }));
  return {
    length: lines.length,
    line: (index) => lines[index],
    hear: (index, speechMs) => script[index]?.candidate ?? spokenAnswerPlaceholder(speechMs),
  };
}
