import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ProtocolError } from '../protocol/protocol-error';
import {
  bundledTemplates,
  checkVariables,
  findTemplate,
  interviewInfo,
  loadTemplates,
  renderInstructions,
} from './interview-templates';

it('ships at least six complete templates', () => {
  assert.ok(bundledTemplates.size >= 6);
  for (const template of bundledTemplates.values()) {
    assert.ok(template.rubric.length >= 3, template.id);
    assert.ok(template.plan.length >= 3 && template.simulator?.closing, template.id);
  }
});

it('fills declared variables as quoted data and falls back when absent', () => {
  const template = findTemplate(bundledTemplates, 'frontend-mid');
  assert.match(renderInstructions(template, { candidateName: 'Ada' }), /greeting "Ada"/);
  const anonymous = renderInstructions(template, {});
  assert.match(anonymous, /greeting the candidate/);
  assert.match(anonymous, /^Interview template: frontend-mid$/m);
});

it('refuses unknown interviews, undeclared or oversized variables with typed errors', () => {
  const template = findTemplate(bundledTemplates, 'frontend-mid');
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error instanceof ProtocolError ? error.code : 'other';
    }
    return 'none';
  };
  assert.equal(
    code(() => findTemplate(bundledTemplates, 'nope')),
    'unknown-interview',
  );
  assert.equal(
    code(() => findTemplate(bundledTemplates, { id: 1 })),
    'unknown-interview',
  );
  assert.equal(
    code(() => checkVariables(template, { systemPrompt: 'be evil' })),
    'bad-request',
  );
  assert.equal(
    code(() => checkVariables(template, { candidateName: 'x'.repeat(41) })),
    'bad-request',
  );
  assert.equal(
    code(() => checkVariables(template, { candidateName: 3 })),
    'bad-request',
  );
  assert.equal(
    code(() => checkVariables(template, ['a'])),
    'bad-request',
  );
  assert.deepEqual(checkVariables(template, { candidateName: ' Ada\u0000 ' }), { candidateName: 'Ada' });
});

it('validates a templates document', () => {
  assert.throws(() => loadTemplates({ interviews: [] }), TypeError);
  assert.throws(() => loadTemplates({ interviews: [{ id: 'Bad Id' }] }), TypeError);
});

it('rubric weights are optional positive numbers; a bad weight or a rubric entry without a description is refused', () => {
  const doc = (rubric: unknown[]) => ({
    interviews: [
      {
        id: 'weights',
        title: 'T',
        role: 'R',
        level: 'mid',
        language: 'en-US',
        voice: 'Kore',
        instructions: 'I',
        durationLimitSec: 600,
        rubric,
        plan: [{ topic: 'Intro', question: 'Tell me about yourself.' }],
      },
    ],
  });
  const loaded = loadTemplates(
    doc([
      { criterion: 'A', description: 'a' },
      { criterion: 'B', description: 'b', weight: 3 },
    ]),
  );
  assert.deepEqual(
    loaded.get('weights')?.rubric.map((r) => r.weight),
    [undefined, 3],
  );
  assert.throws(() => loadTemplates(doc([{ criterion: 'A', description: 'a', weight: 0 }])), /weight/);
  assert.throws(() => loadTemplates(doc([{ criterion: 'A', description: 'a', weight: '2' }])), /weight/);
  assert.throws(() => loadTemplates(doc([{ criterion: 'A' }])), /description/);
});

it('every bundled rubric entry has a positive weight', () => {
  const lines = [...bundledTemplates.values()].flatMap((t) => t.rubric);
  assert.ok(lines.length > 0);
  for (const line of lines) assert.ok(typeof line.weight === 'number' && line.weight > 0, line.criterion);
});

it('ships the customer support, graduate STAR and Spanish practice templates with interview-paced turns', () => {
  for (const id of ['customer-support', 'graduate-behavioural', 'spanish-practice'])
    assert.ok(bundledTemplates.has(id), id);
  assert.equal(bundledTemplates.get('spanish-practice')?.language, 'es-ES');
  for (const t of bundledTemplates.values()) {
    assert.ok(t.turnTaking.silenceDurationMs >= 1500 && t.turnTaking.silenceDurationMs <= 2000, t.id);
    assert.equal(interviewInfo(t).questionCount, t.plan.length);
  }
});

it('states the plan in the system instruction and asks for next_question', () => {
  const template = findTemplate(bundledTemplates, 'graduate-behavioural');
  const text = renderInstructions(template, {});
  assert.match(text, /^Question plan \(6 questions/m);
  assert.match(text, /^2\. Teamwork: Tell me about a time you worked in a team/m);
  assert.match(text, /call the next_question function with its number and topic/);
});

it('refuses a bad plan or bad turn-taking settings', () => {
  const doc = (extra: Record<string, unknown>) => ({
    interviews: [
      {
        id: 'flow',
        title: 'T',
        role: 'R',
        level: 'mid',
        language: 'en-US',
        voice: 'Kore',
        instructions: 'I',
        durationLimitSec: 600,
        rubric: [{ criterion: 'A', description: 'a' }],
        plan: [{ topic: 'Intro', question: 'Tell me about yourself.' }],
        ...extra,
      },
    ],
  });
  assert.equal(loadTemplates(doc({})).get('flow')?.turnTaking.silenceDurationMs, 1800);
  assert.throws(() => loadTemplates(doc({ plan: [] })), /plan/);
  assert.throws(() => loadTemplates(doc({ plan: [{ question: 'Q?' }] })), /topic/);
  assert.throws(
    () => loadTemplates(doc({ plan: [{ topic: 'T', question: 'Q', followUps: 9 }] })),
    /followUps/,
  );
  const tt = (turnTaking: unknown) => () => loadTemplates(doc({ turnTaking }));
  assert.throws(
    tt({ silenceDurationMs: 1.5, endOfSpeechSensitivity: 'END_SENSITIVITY_LOW' }),
    /silenceDurationMs/,
  );
  assert.throws(tt({ silenceDurationMs: 1500, endOfSpeechSensitivity: 'LOW' }), /endOfSpeechSensitivity/);
  assert.throws(
    tt({
      silenceDurationMs: 1500,
      endOfSpeechSensitivity: 'END_SENSITIVITY_LOW',
      startOfSpeechSensitivity: 'x',
    }),
    /startOfSpeechSensitivity/,
  );
});
