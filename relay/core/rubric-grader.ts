import { GoogleGenAI, Type } from '@google/genai';
import type { QuestionFeedback } from '../protocol/report';
import { GEMINI_API_VERSION } from './config';
import type { InterviewTemplate } from './interview-templates';

export const REPORT_TIMEOUT_MS = 20_000;
/** A malformed or schema-violating answer is asked for once more, then the report goes out without scores. */
export const GRADER_ATTEMPTS = 2;

const STRINGS = { type: Type.ARRAY, items: { type: Type.STRING } };

/** The structured-output schema the grader must answer with. */
export const GRADE_SCHEMA = {
  type: Type.OBJECT,
  properties: {
    summary: { type: Type.STRING },
    criteria: {
      type: Type.ARRAY,
      items: {
        type: Type.OBJECT,
        properties: {
          criterion: { type: Type.STRING },
          score: { type: Type.INTEGER, minimum: 1, maximum: 5 },
          rationale: { type: Type.STRING },
          evidence: STRINGS,
        },
        required: ['criterion', 'score', 'rationale', 'evidence'],
      },
    },
    questions: {
      type: Type.ARRAY,
      items: {
        type: Type.OBJECT,
        properties: {
          question: { type: Type.INTEGER },
          strong: { type: Type.STRING },
          missing: { type: Type.STRING },
          suggestion: { type: Type.STRING },
        },
        required: ['question', 'strong', 'missing', 'suggestion'],
      },
    },
    strengths: STRINGS,
    improvements: STRINGS,
  },
  required: ['summary', 'criteria', 'questions', 'strengths', 'improvements'],
};

/** What the grader said, checked against the rubric. */
export interface Grade {
  summary: string;
  criteria: { criterion: string; score: number; rationale: string; evidence: string[] }[];
  questions: Map<number, QuestionFeedback>;
  strengths: string[];
  improvements: string[];
}

/** The answer was not JSON, or broke the schema. */
export class GradeViolation extends Error {
  override readonly name = 'GradeViolation';
}

const MAX_TEXT = 600;
const text = (value: unknown, what: string): string => {
  if (typeof value !== 'string') throw new GradeViolation(`${what} is not a string`);
  return value.trim().slice(0, MAX_TEXT);
};
const strings = (value: unknown, what: string, max: number): string[] => {
  if (!Array.isArray(value)) throw new GradeViolation(`${what} is not an array`);
  return value
    .map((item, i) => text(item, `${what}[${i}]`))
    .filter(Boolean)
    .slice(0, max);
};
const key = (s: string) => s.trim().toLowerCase();

/** Checks the grader's JSON: every rubric criterion exactly once with an integer score from 1 to 5. */
export function parseGrade(raw: string, template: InterviewTemplate, questionCount: number): Grade {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new GradeViolation('the answer is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new GradeViolation('the answer is not an object');
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.criteria)) throw new GradeViolation('criteria is not an array');
  const byName = new Map<string, Grade['criteria'][number]>();
  for (const [i, item] of (v.criteria as unknown[]).entries()) {
    if (typeof item !== 'object' || item === null)
      throw new GradeViolation(`criteria[${i}] is not an object`);
    const c = item as Record<string, unknown>;
    const name = text(c.criterion, `criteria[${i}].criterion`);
    const line = template.rubric.find((r) => key(r.criterion) === key(name));
    if (!line) continue; // a criterion the rubric does not have: ignored
    if (byName.has(line.criterion)) throw new GradeViolation(`criterion "${line.criterion}" graded twice`);
    const score = c.score;
    if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5)
      throw new GradeViolation(`criterion "${line.criterion}" has score ${JSON.stringify(score)}`);
    byName.set(line.criterion, {
      criterion: line.criterion,
      score,
      rationale: text(c.rationale, `criteria[${i}].rationale`),
      evidence: strings(c.evidence, `criteria[${i}].evidence`, 6),
    });
  }
  const missing = template.rubric.filter((r) => !byName.has(r.criterion));
  if (missing.length > 0)
    throw new GradeViolation(`not graded: ${missing.map((r) => r.criterion).join(', ')}`);
  const questions = new Map<number, QuestionFeedback>();
  if (!Array.isArray(v.questions)) throw new GradeViolation('questions is not an array');
  for (const [i, item] of (v.questions as unknown[]).entries()) {
    if (typeof item !== 'object' || item === null)
      throw new GradeViolation(`questions[${i}] is not an object`);
    const q = item as Record<string, unknown>;
    const n = q.question;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > questionCount) continue;
    questions.set(n, {
      strong: text(q.strong, `questions[${i}].strong`),
      missing: text(q.missing, `questions[${i}].missing`),
      suggestion: text(q.suggestion, `questions[${i}].suggestion`),
    });
  }
  return {
    summary: text(v.summary, 'summary'),
    criteria: template.rubric.map((r) => byName.get(r.criterion) as Grade['criteria'][number]),
    questions,
    strengths: strings(v.strengths, 'strengths', 8),
    improvements: strings(v.improvements, 'improvements', 8),
  };
}

export type GradeOutcome =
  | { ok: true; grade: Grade; attempts: number }
  | { ok: false; reason: 'grader-malformed' | 'grader-unavailable'; attempts: number; detail: string };

/**
 * Asks Gemini (REST generateContent, structured output) to grade. The SDK sends the key in the
 * `x-goog-api-key` header, never in the URL. Never throws: a failure is an outcome.
 */
export async function gradeInterview(
  options: { apiKey: string; baseUrl: string | undefined; model: string },
  template: InterviewTemplate,
  prompt: string,
  questionCount: number,
): Promise<GradeOutcome> {
  const ai = new GoogleGenAI({
    apiKey: options.apiKey,
    httpOptions: {
      apiVersion: GEMINI_API_VERSION,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    },
  });
  let failure: Extract<GradeOutcome, { ok: false }> = {
    ok: false,
    reason: 'grader-unavailable',
    attempts: 0,
    detail: '',
  };
  for (let attempt = 1; attempt <= GRADER_ATTEMPTS; attempt++) {
    let raw: string;
    // Our own deadline, cleared when the answer is in: the SDK's httpOptions.timeout keeps its timer (and the
    // request with it) armed for the whole 20 s after a successful answer, which the leak test caught.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), REPORT_TIMEOUT_MS);
    try {
      const response = await ai.models.generateContent({
        model: options.model,
        contents: prompt,
        config: {
          responseMimeType: 'application/json',
          responseSchema: GRADE_SCHEMA,
          temperature: 0.2,
          abortSignal: deadline.signal,
        },
      });
      raw = response.candidates?.[0]?.content?.parts?.map((part) => part.text ?? '').join('') ?? '';
    } catch (error) {
      // Unreachable, refused or timed out: asking again would not help the candidate waiting for a report.
      const detail = error instanceof Error ? error.message.slice(0, 200) : 'request failed';
      return { ok: false, reason: 'grader-unavailable', attempts: attempt, detail };
    } finally {
      clearTimeout(timer);
    }
    try {
      return { ok: true, grade: parseGrade(raw, template, questionCount), attempts: attempt };
    } catch (error) {
      failure = { ok: false, reason: 'grader-malformed', attempts: attempt, detail: String(error) };
    }
  }
  return failure;
}
