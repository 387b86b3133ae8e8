/**
 * The interview-specific parts of a template: its question plan and its turn-taking settings, with the
 * validation {@link loadTemplates} runs on them. Field names and enum values of {@link TurnTaking} are the
 * Live API's `realtimeInputConfig.automaticActivityDetection` ones, so they go to Gemini unchanged.
 */

/** One step of the plan: what the interviewer asks, under which short topic. */
export interface PlannedQuestion {
  /** Short topic shown to the candidate ("Question 2 of 5 · Rendering"). */
  topic: string;
  /** The question as the interviewer asks it (the simulator speaks exactly this line). */
  question: string;
  /** Follow-up questions the interviewer may ask on this topic before moving on (default 1). */
  followUps?: number;
}

export type StartOfSpeechSensitivity = 'START_SENSITIVITY_HIGH' | 'START_SENSITIVITY_LOW';
export type EndOfSpeechSensitivity = 'END_SENSITIVITY_HIGH' | 'END_SENSITIVITY_LOW';

/** How the interviewer's voice activity detection decides that an answer is over. */
export interface TurnTaking {
  /** Silence (ms) that ends the candidate's turn. Interviews use 1500–2000; a chat uses about 600. */
  silenceDurationMs: number;
  /** LOW waits longer before deciding speech has ended (fewer cut-off answers). */
  endOfSpeechSensitivity: EndOfSpeechSensitivity;
  startOfSpeechSensitivity?: StartOfSpeechSensitivity;
  /** Speech (ms) needed before a start of speech is committed. */
  prefixPaddingMs?: number;
}

/** Used when a template names no turn-taking of its own. */
export const DEFAULT_TURN_TAKING: TurnTaking = {
  silenceDurationMs: 1800,
  endOfSpeechSensitivity: 'END_SENSITIVITY_LOW',
};

export const MAX_PLAN_QUESTIONS = 20;
export const MAX_TOPIC_CHARS = 60;

function need(condition: boolean, message: string): asserts condition {
  if (!condition) throw new TypeError(`interview templates: ${message}`);
}

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export function checkPlan(id: string, raw: unknown): PlannedQuestion[] {
  need(
    Array.isArray(raw) && raw.length > 0 && raw.length <= MAX_PLAN_QUESTIONS,
    `${id}: "plan" must be an array of 1 to ${MAX_PLAN_QUESTIONS} questions`,
  );
  return (raw as Record<string, unknown>[]).map((step, i) => {
    need(
      typeof step?.topic === 'string' && step.topic !== '' && step.topic.length <= MAX_TOPIC_CHARS,
      `${id}: plan[${i}] needs a "topic" of 1 to ${MAX_TOPIC_CHARS} characters`,
    );
    need(typeof step.question === 'string' && step.question !== '', `${id}: plan[${i}] needs a "question"`);
    need(
      step.followUps === undefined || isInt(step.followUps, 0, 3),
      `${id}: plan[${i}] "followUps" must be an integer 0-3`,
    );
    return step as unknown as PlannedQuestion;
  });
}

export function checkTurnTaking(id: string, raw: unknown): TurnTaking {
  if (raw === undefined) return DEFAULT_TURN_TAKING;
  need(typeof raw === 'object' && raw !== null, `${id}: "turnTaking" must be an object`);
  const t = raw as Record<string, unknown>;
  need(isInt(t.silenceDurationMs, 200, 5000), `${id}: "silenceDurationMs" must be an integer 200-5000`);
  need(
    t.endOfSpeechSensitivity === 'END_SENSITIVITY_HIGH' || t.endOfSpeechSensitivity === 'END_SENSITIVITY_LOW',
    `${id}: "endOfSpeechSensitivity" must be END_SENSITIVITY_HIGH or END_SENSITIVITY_LOW`,
  );
  need(
    t.startOfSpeechSensitivity === undefined ||
      t.startOfSpeechSensitivity === 'START_SENSITIVITY_HIGH' ||
      t.startOfSpeechSensitivity === 'START_SENSITIVITY_LOW',
    `${id}: "startOfSpeechSensitivity" must be START_SENSITIVITY_HIGH or START_SENSITIVITY_LOW`,
  );
  need(
    t.prefixPaddingMs === undefined || isInt(t.prefixPaddingMs, 0, 2000),
    `${id}: "prefixPaddingMs" must be an integer 0-2000`,
  );
  return t as unknown as TurnTaking;
}

/** The plan as the interviewer's system instruction states it, with the rule for announcing questions. */
export function renderPlan(plan: readonly PlannedQuestion[]): string {
  const lines = plan.map(
    (step, i) =>
      `${i + 1}. ${step.topic}: ${step.question} (up to ${step.followUps ?? 1} follow-up${(step.followUps ?? 1) === 1 ? '' : 's'})`,
  );
  return [
    `Question plan (${plan.length} questions, in this order; ask them in your own words):`,
    ...lines,
    'Each time you start one of these questions, call the next_question function with its number and topic first.',
    'When the candidate asks you to repeat or to skip a question, do so; a skipped question is not asked again.',
  ].join('\n');
}
