import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ProtocolError } from '../protocol/protocol-error';
import {
  bundledTemplates,
  checkVariables,
  findTemplate,
  loadTemplates,
  renderInstructions,
} from './interview-templates';

it('ships at least three complete templates', () => {
  assert.ok(bundledTemplates.size >= 3);
  for (const template of bundledTemplates.values()) {
    assert.ok(template.rubric.length >= 3, template.id);
    assert.ok(template.simulator && template.simulator.questions.length >= 3, template.id);
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
