import { GoogleGenAI, Type } from '@google/genai';
import type { FeedbackReport, Role } from '../protocol/messages';
import { GEMINI_API_VERSION } from './config';
import type { InterviewTemplate } from './interview-templates';

export const REPORT_TIMEOUT_MS = 20_000;

const REPORT_SCHEMA = {
  type: Type.OBJECT,
  properties: {
    summary: { type: Type.STRING },
    strengths: { type: Type.ARRAY, items: { type: Type.STRING } },
    improvements: { type: Type.ARRAY, items: { type: Type.STRING } },
    scores: {
      type: Type.ARRAY,
      items: {
        type: Type.OBJECT,
        properties: {
          criterion: { type: Type.STRING },
          score: { type: Type.INTEGER },
          comment: { type: Type.STRING },
        },
        required: ['criterion', 'score', 'comment'],
      },
    },
  },
  required: ['summary', 'strengths', 'improvements', 'scores'],
};

/** The grading prompt: rubric and transcript as plain, labelled sections. */
export function reportPrompt(template: InterviewTemplate, turns: { role: Role; text: string }[]): string {
  return [
    `You are grading a practice interview for the role "${template.role}" (${template.level} level).`,
    'Write constructive, specific feedback addressed to the candidate. Score each rubric criterion from 1 to 5.',
    'Base every statement on the transcript; if the candidate said little, say so and score accordingly.',
    '',
    'Rubric:',
    ...template.rubric.map((line) => `- ${line.criterion}: ${line.description}`),
    '',
    'Transcript:',
    ...turns.map((turn) => `${turn.role === 'candidate' ? 'Candidate' : 'Interviewer'}: ${turn.text}`),
  ].join('\n');
}

/** Checks the model's JSON against the report shape; clamps scores; drops anything else. */
export function parseReport(text: string, template: InterviewTemplate): FeedbackReport {
  const value = JSON.parse(text) as Partial<FeedbackReport>;
  const strings = (list: unknown): string[] =>
    Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string').slice(0, 8) : [];
  const known = new Set(template.rubric.map((line) => line.criterion));
  const scores = (Array.isArray(value.scores) ? value.scores : [])
    .filter((line) => line && typeof line.criterion === 'string' && known.has(line.criterion))
    .map((line) => ({
      criterion: line.criterion,
      score: Math.min(5, Math.max(1, Math.round(Number(line.score) || 1))),
      comment: typeof line.comment === 'string' ? line.comment : '',
    }));
  if (typeof value.summary !== 'string') throw new TypeError('report has no summary');
  return {
    summary: value.summary,
    strengths: strings(value.strengths),
    improvements: strings(value.improvements),
    scores,
  };
}

/** Asks Gemini (REST generateContent) for the end-of-interview feedback. */
export async function generateReport(
  options: { apiKey: string; baseUrl: string | undefined; model: string },
  template: InterviewTemplate,
  turns: { role: Role; text: string }[],
): Promise<FeedbackReport> {
  const ai = new GoogleGenAI({
    apiKey: options.apiKey,
    httpOptions: {
      apiVersion: GEMINI_API_VERSION,
      timeout: REPORT_TIMEOUT_MS,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    },
  });
  const response = await ai.models.generateContent({
    model: options.model,
    contents: reportPrompt(template, turns),
    config: { responseMimeType: 'application/json', responseSchema: REPORT_SCHEMA, temperature: 0.2 },
  });
  const text = response.candidates?.[0]?.content?.parts?.map((part) => part.text ?? '').join('') ?? '';
  return parseReport(text, template);
}
