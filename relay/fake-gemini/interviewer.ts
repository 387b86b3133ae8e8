/** What the fake says next: the scripted and the simulated interviewer both implement this. */

export interface InterviewerLine {
  text: string;
  /** 24 kHz PCM16 mono. */
  audio: Uint8Array;
  /** The line starts this question of the plan: the fake calls `next_question` with it. */
  question?: { number: number; topic: string };
}

export interface Interviewer {
  /** Interviewer turns including the closing one; turn `length - 1` is the closing. */
  readonly length: number;
  line(index: number): InterviewerLine | undefined;
  /** What the fake "heard" for a spoken answer that turn `index` replies to. */
  hear(index: number, speechMs: number): string;
}

/** The honest input transcription of a fake that cannot transcribe. */
export function spokenAnswerPlaceholder(speechMs: number): string {
  return `[spoken answer, ${(speechMs / 1000).toFixed(1)} s]`;
}
