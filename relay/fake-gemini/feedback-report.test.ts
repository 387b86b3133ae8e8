import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildFeedbackReport, parseReportPrompt } from './feedback-report';

const rubric =
  'Rubric:\n- System design: Sensible decomposition, data model, explicit trade-offs.\n- Reliability: Idempotency, retries.\n';

test('parses rubric lines and transcript lines, joining wrapped lines to the speaker', () => {
  const { rubric: r, transcript } = parseReportPrompt(
    `${rubric}\nTranscript:\nInterviewer: Q1?\nCandidate: first line\n  continued here\nInterviewer: Q2?\n`,
  );
  assert.deepEqual(
    r.map((x) => x.criterion),
    ['System design', 'Reliability'],
  );
  assert.deepEqual(transcript, [
    { role: 'interviewer', text: 'Q1?' },
    { role: 'candidate', text: 'first line continued here' },
    { role: 'interviewer', text: 'Q2?' },
  ]);
});

test('scores follow the answers: none → 1s, long on-topic answers → higher', () => {
  const empty = buildFeedbackReport(`${rubric}\nTranscript:\nInterviewer: Q1?\nInterviewer: Q2?\n`);
  assert.deepEqual(
    empty.scores.map((s) => s.score),
    [1, 1],
  );
  const long =
    'I split the system by data model and wrote down each trade-off; retries are idempotent with keys. '.repeat(
      4,
    );
  const rich = buildFeedbackReport(
    `${rubric}\nTranscript:\nInterviewer: Q1?\nCandidate: ${long}\nInterviewer: Q2?\nCandidate: ${long}\n`,
  );
  assert.equal(rich.scores.length, 2, 'one score per rubric criterion');
  for (const s of rich.scores) assert.ok(s.score >= 4, `${s.criterion} ${s.score}`);
  assert.match(rich.summary, /^Simulated feedback/);
});

test('spoken-only answers are acknowledged honestly', () => {
  const r = buildFeedbackReport(
    `${rubric}\nTranscript:\nInterviewer: Q1?\nCandidate: [spoken answer, 7.4 s]\n`,
  );
  assert.ok(r.improvements.some((i) => /does not transcribe/.test(i)));
  assert.equal(r.scores.length, 2);
});

test('judges spoken answers by how long they lasted, not by the words of their placeholder', () => {
  const prompt = [
    'Rubric:',
    '- Communication: Structured, concise answers.',
    '',
    'Transcript:',
    'Interviewer: Tell me about a project.',
    'Candidate: [spoken answer, 24.0 s]',
    'Interviewer: What was hard?',
    'Candidate: [spoken answer, 12.0 s]',
  ].join('\n');
  const report = buildFeedbackReport(prompt);
  assert.match(report.summary, /about 18 s per spoken answer/);
  assert.doesNotMatch(report.summary, /words/);
  assert.match(report.scores[0]?.comment ?? '', /about 18 s per spoken answer/);
  // 18 s at a calm 2.5 words a second is ~45 words: a 4 on the length scale.
  assert.equal(report.scores[0]?.score, 4);
});
