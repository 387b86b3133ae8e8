import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnswerDelivery } from '../protocol/report';
import type { AnswerRecord } from './delivery-recorder';
import { EvidenceChecker } from './evidence-check';
import { bundledTemplates } from './interview-templates';
import { overallScore } from './report-builder';
import { boundTexts, MAX_REPORT_PROMPT_CHARS, reportPrompt } from './report-prompt';

const TEMPLATE = bundledTemplates.get('backend-senior') ?? assert.fail('bundled');
const delivery = (
  speakingMs: number,
  words: number,
  flags: AnswerDelivery['flags'] = [],
): AnswerDelivery => ({
  mode: 'spoken',
  speakingMs,
  answerMs: speakingMs,
  firstWordMs: 800,
  longestPauseMs: 900,
  words,
  wpm: flags.length ? null : Math.round((words * 60_000) / speakingMs),
  fillers: 0,
  fillersPerMinute: 0,
  repeatedStarts: 0,
  flags,
});
const sentence = 'we partitioned the orders table by customer and kept the hot rows in a cache ';
const answer = (index: number, wordCount: number, flags: AnswerDelivery['flags'] = []): AnswerRecord => {
  const text = sentence
    .repeat(Math.ceil(wordCount / 15))
    .split(' ')
    .slice(0, wordCount)
    .join(' ');
  return {
    index,
    question: `Question ${index}: tell me about scaling.`,
    answer: text,
    skipped: false,
    delivery: delivery((wordCount / 150) * 60_000, wordCount, flags),
  };
};

test('a 45-minute interview fits whole; a three-hour flood is cut to the bound', () => {
  // 45 minutes at 150 words a minute, over ten answers.
  const normal = Array.from({ length: 10 }, (_, i) => answer(i + 1, 675));
  const prompt = reportPrompt(TEMPLATE, normal);
  assert.ok(prompt.length <= MAX_REPORT_PROMPT_CHARS, `${prompt.length}`);
  for (const a of normal) assert.ok(prompt.includes(a.answer), 'every answer is whole');
  const flood = Array.from({ length: 10 }, (_, i) => answer(i + 1, 675 * 4));
  const bounded = reportPrompt(TEMPLATE, flood);
  assert.ok(bounded.length <= MAX_REPORT_PROMPT_CHARS, `${bounded.length}`);
  assert.ok(bounded.includes('[…]'));
  assert.equal((bounded.match(/^A\d+\. Candidate/gm) ?? []).length, 10, 'every answer is still there');
});

test('boundTexts keeps short texts whole and shortens only the long ones', () => {
  const out = boundTexts(['short', 'x'.repeat(1_000), 'y'.repeat(2_000)], 1_000);
  assert.equal(out[0], 'short');
  assert.ok(out.reduce((n, t) => n + t.length, 0) <= 1_000);
  assert.ok((out[2] ?? '').startsWith('yyy') && (out[2] ?? '').endsWith('yyy'));
});

test('the prompt labels each answer with its measured delivery and marks lost transcripts', () => {
  const prompt = reportPrompt(TEMPLATE, [answer(1, 30), answer(2, 5, ['transcript-short'])]);
  assert.match(
    prompt,
    /^A1\. Candidate \[spoken; 12\.0 s of speech; 30 words; 150 words\/min\]: we partitioned/m,
  );
  assert.match(prompt, /^A2\. Candidate \[spoken; 2\.0 s of speech; 5 words; transcript incomplete\]/m);
  assert.match(prompt, /do not mark the candidate down/);
});

test('evidence: verbatim after normalising, ellipses join parts in order, short or invented quotes fail', () => {
  const checker = new EvidenceChecker([
    'I’d use an idempotency key, stored for 24 hours, then retry safely.',
  ]);
  assert.ok(checker.verify("I'd use an IDEMPOTENCY key"));
  assert.ok(checker.verify('idempotency key … retry safely'));
  assert.ok(!checker.verify('retry safely … idempotency key'), 'parts out of order');
  assert.ok(!checker.verify('I would use a queue'));
  assert.ok(!checker.verify('retry safely'), 'two words prove nothing');
  assert.deepEqual(checker.filter(['stored for 24 hours', 'never stored anything']), {
    kept: ['stored for 24 hours'],
    dropped: 1,
  });
});

test('the overall score is the weighted mean of (score - 1) / 4, from 0 to 100', () => {
  assert.equal(overallScore([{ score: 5, weight: 1 }]), 100);
  assert.equal(overallScore([{ score: 1, weight: 3 }]), 0);
  assert.equal(
    overallScore([
      { score: 5, weight: 3 },
      { score: 1, weight: 1 },
    ]),
    75,
  );
});
