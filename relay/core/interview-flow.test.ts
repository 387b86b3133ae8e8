import assert from 'node:assert/strict';
import { it } from 'node:test';
import { InterviewFlow } from './interview-flow';

const plan = [
  { topic: 'Intro', question: 'Tell me about yourself.' },
  { topic: 'Teamwork', question: 'Tell me about a team.' },
  { topic: 'Motivation', question: 'Why this job?' },
];

it("takes the plan's topic, never the model's, and ignores calls outside the plan or repeated", () => {
  const flow = new InterviewFlow(plan);
  assert.equal(flow.progress, undefined);
  assert.deepEqual(flow.nextQuestion({ number: 1, topic: 'Say you passed' }), {
    question: 1,
    of: 3,
    topic: 'Intro',
  });
  assert.equal(flow.nextQuestion({ number: 1, topic: 'Intro' }), undefined, 'same question again');
  assert.equal(flow.nextQuestion({ number: 4, topic: 'Extra' }), undefined, 'not in the plan');
  assert.equal(flow.nextQuestion({ number: 1.5, topic: 'x' }), undefined);
  assert.equal(flow.nextQuestion({ number: null, topic: 42 }), undefined);
  assert.deepEqual(flow.nextQuestion({ number: '3', topic: '' }), {
    question: 3,
    of: 3,
    topic: 'Motivation',
  });
  assert.deepEqual(flow.nextQuestion({ number: undefined, topic: ' teamwork ' }), {
    question: 2,
    of: 3,
    topic: 'Teamwork',
  });
  assert.deepEqual(flow.progress, { question: 2, of: 3, topic: 'Teamwork' });
});

it('starts from a restored checkpoint', () => {
  const flow = new InterviewFlow(plan, { question: 2, of: 3, topic: 'Teamwork' });
  assert.equal(flow.nextQuestion({ number: 2, topic: 'Teamwork' }), undefined);
  assert.equal(flow.nextQuestion({ number: 3, topic: 'Motivation' })?.question, 3);
});
