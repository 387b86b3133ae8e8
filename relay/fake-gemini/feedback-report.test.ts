import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildFeedbackReport, parseReportPrompt } from './feedback-report';

const rubric = [
  'Rubric:',
  '- System design [weight 2]: Sensible decomposition, data model, explicit trade-offs.',
  '- Reliability [weight 1]: Idempotency, retries.',
  '',
  'Questions and answers:',
].join('\n');

test('parses weighted rubric lines and labelled questions and answers', () => {
  const { rubric: r, answers } = parseReportPrompt(
    `${rubric}\nQ1. Interviewer: Q one?\nA1. Candidate [spoken; 7.4 s of speech; 0 words; not transcribed]\nQ2. Interviewer: Q two?\nA2. Candidate [typed]: We used keys.\nQ3. Interviewer: Q three?\nA3. Candidate [no answer]\n`,
  );
  assert.deepEqual(
    r.map((x) => [x.criterion, x.weight]),
    [
      ['System design', 2],
      ['Reliability', 1],
    ],
  );
  assert.deepEqual(
    answers.map((a) => [a.index, a.kind, a.speechSeconds, a.text]),
    [
      [1, 'spoken', 7.4, ''],
      [2, 'typed', 0, 'We used keys.'],
      [3, 'no answer', 0, ''],
    ],
  );
});

test('scores follow the answers: none → 1s, long on-topic typed answers → higher, with a verbatim quote', () => {
  const empty = buildFeedbackReport(`${rubric}\nQ1. Interviewer: Q1?\nA1. Candidate [no answer]\n`);
  assert.deepEqual(
    empty.criteria.map((s) => s.score),
    [1, 1],
  );
  const long =
    'I split the system by data model and wrote down each trade-off; retries are idempotent with keys. '.repeat(
      4,
    );
  const rich = buildFeedbackReport(
    `${rubric}\nQ1. Interviewer: Q1?\nA1. Candidate [typed]: ${long}\nQ2. Interviewer: Q2?\nA2. Candidate [typed]: ${long}\n`,
  );
  assert.equal(rich.criteria.length, 2);
  for (const s of rich.criteria) {
    assert.ok(s.score >= 4, `${s.criterion} ${s.score}`);
    assert.equal(s.evidence.length, 1);
    assert.ok(long.includes(s.evidence[0] ?? '?'), 'the quote is the candidate’s own words');
  }
  assert.deepEqual(
    rich.questions.map((q) => q.question),
    [1, 2],
  );
  assert.match(rich.summary, /^Simulated feedback/);
});

test('judges spoken answers by the speech the relay measured, and says it could not assess their content', () => {
  const prompt = [
    rubric,
    'Q1. Interviewer: Tell me about a project.',
    'A1. Candidate [spoken; 24.0 s of speech; 0 words; not transcribed]',
    'Q2. Interviewer: What was hard?',
    'A2. Candidate [spoken; 12.0 s of speech; 0 words; not transcribed]',
  ].join('\n');
  const report = buildFeedbackReport(prompt);
  assert.match(report.summary, /about 18 s of speech per spoken answer/);
  assert.ok(report.improvements.some((i) => /does not transcribe/.test(i)));
  // 18 s at a calm 2.5 words a second is ~45 words: a 4 on the length scale.
  assert.equal(report.criteria[0]?.score, 4);
  assert.equal(report.criteria[0]?.evidence.length, 0);
});
