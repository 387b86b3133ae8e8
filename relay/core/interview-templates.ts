import bundled from '../interviews/interviews.json';
import { MAX_VARIABLE_CHARS } from '../protocol/limits';
import type { InterviewInfo } from '../protocol/messages';
import { ProtocolError } from '../protocol/protocol-error';
import {
  checkPlan,
  checkTurnTaking,
  type PlannedQuestion,
  renderPlan,
  type TurnTaking,
} from './interview-plan';

/** An interview template: everything about an interview that the page may not choose. */
export interface InterviewTemplate {
  id: string;
  title: string;
  role: string;
  level: string;
  language: string;
  voice: string;
  durationLimitSec: number;
  variables: Record<string, { label: string; maxLength?: number }>;
  instructions: string;
  /** Graded criteria; `weight` (default 1) sets each one's share of the overall score. */
  rubric: { criterion: string; description: string; weight?: number }[];
  /** The ordered questions; its length is every `progress` event's `of`. */
  plan: PlannedQuestion[];
  /** Sent to Gemini as `realtimeInputConfig.automaticActivityDetection`. */
  turnTaking: TurnTaking;
  /** The simulated interviewer's closing line (it speaks the plan's questions, then this). */
  simulator?: { closing: string };
}

export type TemplateCatalog = ReadonlyMap<string, InterviewTemplate>;

function need(condition: boolean, message: string): asserts condition {
  if (!condition) throw new TypeError(`interview templates: ${message}`);
}

/** Validates a templates document (the shape of relay/interviews/interviews.json). Throws TypeError. */
export function loadTemplates(document: unknown): TemplateCatalog {
  need(typeof document === 'object' && document !== null, 'document must be an object');
  const list = (document as { interviews?: unknown }).interviews;
  need(Array.isArray(list) && list.length > 0, '"interviews" must be a non-empty array');
  const catalog = new Map<string, InterviewTemplate>();
  for (const raw of list as Record<string, unknown>[]) {
    const id = raw.id;
    need(typeof id === 'string' && /^[a-z0-9][a-z0-9-]{0,62}$/.test(id), `bad id ${JSON.stringify(id)}`);
    for (const field of ['title', 'role', 'level', 'language', 'voice', 'instructions'] as const) {
      need(
        typeof raw[field] === 'string' && raw[field] !== '',
        `${id}: "${field}" must be a non-empty string`,
      );
    }
    need(
      typeof raw.durationLimitSec === 'number' && raw.durationLimitSec >= 60,
      `${id}: "durationLimitSec" must be >= 60`,
    );
    need(Array.isArray(raw.rubric) && raw.rubric.length > 0, `${id}: "rubric" must be a non-empty array`);
    for (const line of raw.rubric as Record<string, unknown>[]) {
      need(
        typeof line?.criterion === 'string' && line.criterion !== '' && typeof line.description === 'string',
        `${id}: every rubric entry needs a "criterion" and a "description"`,
      );
      need(
        line.weight === undefined ||
          (typeof line.weight === 'number' && line.weight > 0 && line.weight <= 100),
        `${id}: rubric "weight" must be a number in (0, 100]`,
      );
    }
    const plan = checkPlan(id, raw.plan);
    const turnTaking = checkTurnTaking(id, raw.turnTaking);
    need(!catalog.has(id), `duplicate id ${id}`);
    catalog.set(id, { variables: {}, ...(raw as object), plan, turnTaking } as InterviewTemplate);
  }
  return catalog;
}

export const bundledTemplates: TemplateCatalog = loadTemplates(bundled);

export function findTemplate(catalog: TemplateCatalog, id: unknown): InterviewTemplate {
  const template = typeof id === 'string' ? catalog.get(id) : undefined;
  if (!template) throw new ProtocolError('unknown-interview', `no interview named ${JSON.stringify(id)}`);
  return template;
}

/** Accepts only declared variables, as short plain strings. Throws ProtocolError('bad-request'). */
export function checkVariables(template: InterviewTemplate, variables: unknown): Record<string, string> {
  if (variables === undefined || variables === null) return {};
  if (typeof variables !== 'object' || Array.isArray(variables)) {
    throw new ProtocolError('bad-request', '"variables" must be an object of strings');
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    // Own properties only: `constructor`, `toString`, `__proto__` are not declared variables.
    const declared = Object.hasOwn(template.variables, name) ? template.variables[name] : undefined;
    if (!declared)
      throw new ProtocolError('bad-request', `interview does not declare variable "${name.slice(0, 40)}"`);
    if (typeof value !== 'string')
      throw new ProtocolError('bad-request', `variable "${name}" must be a string`);
    const max = Math.min(declared.maxLength ?? MAX_VARIABLE_CHARS, MAX_VARIABLE_CHARS);
    const clean = value.replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim();
    if (clean.length > max)
      throw new ProtocolError('bad-request', `variable "${name}" is longer than ${max}`);
    if (clean !== '') out[name] = clean;
  }
  return out;
}

/**
 * The interviewer's system instruction: the template's text with `{{name|fallback}}` placeholders filled,
 * then the fixed frame. Variables are quoted so they read as data, not as instructions.
 */
export function renderInstructions(template: InterviewTemplate, variables: Record<string, string>): string {
  const body = template.instructions.replace(
    /\{\{\s*([a-zA-Z0-9_]+)\s*(?:\|([^}]*))?\}\}/g,
    (_, name: string, fallback?: string) => {
      const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
      return value === undefined ? (fallback ?? '').trim() : `"${value.replace(/"/g, "'")}"`;
    },
  );
  return [
    body,
    '',
    renderPlan(template.plan),
    '',
    `Interview template: ${template.id}`,
    `Role: ${template.role} (${template.level} level). Speak in ${template.language}.`,
    'You are speaking, not writing: no lists, no markdown, no emoji.',
    'When you have thanked the candidate and closed the interview, call the end_interview function.',
  ].join('\n');
}

export function interviewInfo(template: InterviewTemplate): InterviewInfo {
  return {
    id: template.id,
    title: template.title,
    role: template.role,
    level: template.level,
    language: template.language,
    durationLimitSec: template.durationLimitSec,
    questionCount: template.plan.length,
  };
}
