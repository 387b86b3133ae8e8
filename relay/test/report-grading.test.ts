/** The end-of-interview report: the Node relay grading through the fake Gemini's REST generateContent. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { RELIABILITY_MIN_SPEECH_MS } from '../core/delivery-recorder';
import { bundledTemplates } from '../core/interview-templates';
import { weightOf } from '../core/report-prompt';
import { GRADER_ATTEMPTS } from '../core/rubric-grader';
import type { ScriptedGeneration } from '../fake-gemini/index';
import { makeSilencePcm, makeSpeechPcm } from '../fake-gemini/index';
import type { InterviewReport } from '../protocol/report';
import { REPORT_VERSION } from '../protocol/report';
import { CANARY_KEY, type NodeStack, startNodeStack } from '../test-support/node-stack';
import { RelayTestClient } from '../test-support/relay-test-client';
import { reportSchemaErrors } from '../test-support/report-schema';

const ORIGIN = { origin: 'http://allowed.test' };
const TEMPLATE = bundledTemplates.get('frontend-mid') ?? assert.fail('frontend-mid is bundled');
const ANSWER = 'I built a dashboard for a bakery that showed orders in real time.';
const script = [
  { interviewer: 'Hello, tell me about a project.' },
  { interviewer: 'Thank you, that is all.' },
];

const stacks: NodeStack[] = [];
after(async () => {
  await Promise.all(stacks.map((s) => s.close()));
});

/** One interview with one typed answer, ended by the candidate; returns the report and the stack. */
async function interview(generateContent: ScriptedGeneration[] = []) {
  const stack = await startNodeStack({ fake: { script, generateContent } });
  stacks.push(stack);
  const client = await RelayTestClient.create(stack.url, TEMPLATE.id, ORIGIN);
  await client.connectWebSocket();
  await client.waitForEvent('turn-complete');
  client.sendMessage({ type: 'text', text: ANSWER });
  await client.waitForEvent('turn-complete', 2);
  client.sendMessage({ type: 'end' });
  await client.waitForEvent('ended');
  const event = client.events.find((e) => e.type === 'report');
  assert.ok(event && event.type === 'report', 'a report is sent');
  assert.deepEqual(
    reportSchemaErrors(event.report),
    [],
    'the report validates against docs/report.schema.json',
  );
  return { report: event.report as InterviewReport, stack, client };
}

const SCORES = [5, 3, 1, 4, 2];
function grade(evidence: string[][]): ScriptedGeneration {
  return {
    text: JSON.stringify({
      summary: 'A clear, concrete start.',
      criteria: TEMPLATE.rubric.map((line, i) => ({
        criterion: line.criterion,
        score: SCORES[i],
        rationale: `Rationale ${i}.`,
        evidence: evidence[i] ?? [],
      })),
      questions: [
        { question: 1, strong: 'Concrete.', missing: 'Numbers.', suggestion: 'Say how many orders.' },
      ],
      strengths: ['Concrete project.'],
      improvements: ['Add numbers.'],
    }),
  };
}

describe('report grading through REST generateContent', () => {
  it('sends rubric, answers and the response schema, with the key in a header and never in the URL', async () => {
    const { stack } = await interview([grade([])]);
    assert.equal(stack.fake.restRequests.length, 1);
    const request = stack.fake.restRequests[0] ?? assert.fail('no request');
    assert.equal(request.apiKey, CANARY_KEY);
    assert.ok(!request.url.includes(CANARY_KEY), 'no key in the URL');
    assert.ok(!request.url.includes('key='), 'no key parameter at all');
    const body = request.body as {
      contents: { parts: { text: string }[] }[];
      generationConfig: { responseMimeType: string; responseSchema: { required: string[] } };
    };
    const prompt = body.contents.flatMap((c) => c.parts.map((p) => p.text)).join('\n');
    for (const line of TEMPLATE.rubric)
      assert.ok(prompt.includes(`- ${line.criterion} [weight ${weightOf(line)}]`));
    assert.match(prompt, /Q1\. Interviewer: Hello, tell me about a project\./);
    assert.ok(prompt.includes(`A1. Candidate [typed]: ${ANSWER}`));
    assert.equal(body.generationConfig.responseMimeType, 'application/json');
    assert.deepEqual(body.generationConfig.responseSchema.required, [
      'summary',
      'criteria',
      'questions',
      'strengths',
      'improvements',
    ]);
    for (const line of stack.logs) assert.ok(!line.includes(CANARY_KEY), 'no key in the logs');
  });

  it('keeps quotes found in the transcript, drops and counts the others, and computes the overall score from the weights', async () => {
    const { report } = await interview([
      grade([
        ['a dashboard for a bakery', 'I optimised the GPU shaders'],
        ['showed orders in “real time”'],
        ['I'],
        [],
        [],
      ]),
    ]);
    assert.equal(report.reportVersion, REPORT_VERSION);
    assert.equal(report.status, 'complete');
    assert.equal(report.criteria.length, TEMPLATE.rubric.length);
    assert.deepEqual(report.criteria[0]?.evidence, ['a dashboard for a bakery']);
    assert.equal(report.criteria[0]?.evidenceDropped, 1);
    assert.deepEqual(
      report.criteria[1]?.evidence,
      ['showed orders in “real time”'],
      'punctuation is normalised',
    );
    assert.equal(report.criteria[2]?.evidenceDropped, 1, 'a one-word quote proves nothing');
    assert.equal(report.evidenceDropped, 2);
    const weights = TEMPLATE.rubric.map(weightOf);
    const expected =
      (100 * weights.reduce((n, w, i) => n + (w * ((SCORES[i] ?? 1) - 1)) / 4, 0)) /
      weights.reduce((a, b) => a + b);
    assert.equal(report.overallScore, Math.round(expected));
    assert.notEqual(
      report.overallScore,
      Math.round((100 * SCORES.reduce((n, s) => n + (s - 1) / 4, 0)) / SCORES.length),
      'the weights matter here',
    );
    assert.deepEqual(report.questions[0]?.feedback, {
      strong: 'Concrete.',
      missing: 'Numbers.',
      suggestion: 'Say how many orders.',
    });
    assert.equal(report.questions[0]?.delivery.mode, 'typed');
    assert.equal(report.delivery.typedAnswers, 1);
  });

  it('a malformed answer is retried once and a good second answer is used', async () => {
    const { report, stack } = await interview([
      { text: '{"summary": "cut', finishReason: 'MAX_TOKENS' },
      grade([]),
    ]);
    assert.equal(stack.fake.restRequests.length, 2);
    assert.equal(report.status, 'complete');
  });

  it('two answers that break the schema give a labelled partial report: metrics and transcript, no scores', async () => {
    const noScore = JSON.parse(grade([]).text) as { criteria: { score: unknown }[] };
    for (const c of noScore.criteria) c.score = 'excellent';
    const { report, stack, client } = await interview([
      { text: 'not json' },
      { text: JSON.stringify(noScore) },
    ]);
    assert.equal(stack.fake.restRequests.length, GRADER_ATTEMPTS);
    assert.equal(report.status, 'partial');
    assert.equal(report.partialReason, 'grader-malformed');
    assert.equal(report.overallScore, null);
    assert.equal(report.criteria.length, 0);
    assert.deepEqual(
      report.transcript.map((t) => t.role),
      ['interviewer', 'candidate', 'interviewer'],
    );
    assert.equal(report.questions[0]?.answer, ANSWER);
    assert.equal(report.delivery.questionsAnswered, 1);
    assert.ok(client.events.some((e) => e.type === 'notice' && e.code === 'report-unavailable'));
    assert.deepEqual(
      client.events.slice(-2).map((e) => e.type),
      ['report', 'ended'],
    );
  });

  it('an unreachable or overloaded grader is not retried: the partial report says the grader was unavailable', async () => {
    const overloaded = {
      code: 503,
      status: 'UNAVAILABLE',
      message: 'The model is overloaded. Please try again later.',
    };
    const { report, stack } = await interview([{ text: '', error: overloaded }, grade([])]);
    assert.equal(stack.fake.restRequests.length, 1);
    assert.equal(report.status, 'partial');
    assert.equal(report.partialReason, 'grader-unavailable');
    assert.equal(report.questions[0]?.answer, ANSWER);
  });

  it('a spoken answer whose transcript lost most of its words is flagged, and the grader is told', async () => {
    const stack = await startNodeStack({
      fake: {
        script: [
          { interviewer: 'Tell me about a launch.' },
          { candidate: 'and then we shipped it', interviewer: 'Thank you, that is all.' },
        ],
      },
    });
    stacks.push(stack);
    const client = await RelayTestClient.create(stack.url, TEMPLATE.id, ORIGIN);
    await client.connectWebSocket();
    await client.waitForEvent('turn-complete');
    const speechMs = RELIABILITY_MIN_SPEECH_MS * 2;
    const pcm = new Uint8Array([...makeSpeechPcm(speechMs), ...makeSilencePcm(1_800)]);
    for (let i = 0; i < pcm.byteLength; i += 640) client.sendAudio(pcm.subarray(i, i + 640));
    await client.waitForEvent('ended');
    const event = client.events.find((e) => e.type === 'report');
    assert.ok(event?.type === 'report');
    const answer = event.report.questions[0] ?? assert.fail('no question');
    assert.equal(answer.answer, 'and then we shipped it');
    assert.ok(
      answer.delivery.speakingMs >= speechMs - 100,
      `${answer.delivery.speakingMs} ms of speech measured`,
    );
    assert.deepEqual(answer.delivery.flags, ['transcript-short']);
    assert.equal(answer.delivery.wpm, null);
    assert.equal(event.report.delivery.flaggedAnswers, 1);
    const prompt = JSON.stringify(stack.fake.restRequests.at(-1)?.body);
    assert.match(
      prompt,
      /A1\. Candidate \[spoken; [\d.]+ s of speech; 5 words; transcript incomplete\]: and then we shipped it/,
    );
  });
});
