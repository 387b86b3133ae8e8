import type { InterviewProgress } from '../protocol/messages';
import type { NextQuestionCall } from './gemini-upstream';
import type { PlannedQuestion } from './interview-plan';

/**
 * Where the interview stands in its question plan. Progress comes only from the interviewer's
 * next_question calls, checked against the template's plan: the topic shown is always the plan's own,
 * never text the model (or anything it heard) made up.
 */
export class InterviewFlow {
  #current: InterviewProgress | undefined;

  constructor(
    private readonly plan: readonly PlannedQuestion[],
    restored?: InterviewProgress,
  ) {
    this.#current = restored;
  }

  get progress(): InterviewProgress | undefined {
    return this.#current;
  }

  /**
   * A next_question call. Returns the new progress, or undefined when the call names no question of the
   * plan or repeats the current one (a call made again after a resume, or after a repeat request).
   */
  nextQuestion(call: Pick<NextQuestionCall, 'number' | 'topic'>): InterviewProgress | undefined {
    const number = this.#numberOf(call);
    if (number === undefined || number === this.#current?.question) return undefined;
    const step = this.plan[number - 1] as PlannedQuestion;
    this.#current = { question: number, of: this.plan.length, topic: step.topic };
    return this.#current;
  }

  /** The plan's number for a call: its `number` when valid, else the plan entry whose topic it named. */
  #numberOf(call: Pick<NextQuestionCall, 'number' | 'topic'>): number | undefined {
    const n = typeof call.number === 'string' ? Number(call.number) : call.number;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= this.plan.length) return n;
    if (typeof call.topic !== 'string') return undefined;
    const wanted = call.topic.trim().toLowerCase();
    const index = this.plan.findIndex((step) => step.topic.toLowerCase() === wanted);
    return index === -1 ? undefined : index + 1;
  }
}
