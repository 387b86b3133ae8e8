import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GoogleGenAI } from '@google/genai';
import { startFakeGemini } from './fake-gemini-server';
import type { GradeAnswer } from './feedback-report';

const PROMPT = `Grade this practice interview as JSON.

Rubric:
- Web platform fundamentals [weight 2]: Rendering pipeline, DOM, event loop, networking basics.
- Communication [weight 1]: Structured, concise answers with concrete examples.

Questions and answers:
Q1. Interviewer: Tell me about a recent project.
A1. Candidate [typed]: I rebuilt the checkout page; we measured rendering with the profiler and cut the event loop work in half.
Q2. Interviewer: How does the browser render a page?
A2. Candidate [spoken; 7.4 s of speech; 0 words; not transcribed]
`;

test('REST generateContent returns a Gemini-shaped answer whose text is the simulated report', async (t) => {
  const fake = await startFakeGemini({ requireApiKey: 'rest-key' });
  t.after(() => fake.close());
  const ai = new GoogleGenAI({
    apiKey: 'rest-key',
    httpOptions: { baseUrl: fake.baseUrl, apiVersion: 'v1beta' },
  });
  const response = await ai.models.generateContent({
    model: 'gemini-2.5-flash',
    contents: PROMPT,
    config: { responseMimeType: 'application/json' },
  });
  assert.equal(response.candidates?.[0]?.finishReason, 'STOP');
  assert.equal(response.candidates?.[0]?.content?.role, 'model');
  assert.equal(response.modelVersion, 'gemini-2.5-flash');
  assert.ok((response.usageMetadata?.promptTokenCount ?? 0) > 0);
  const report = JSON.parse(response.text ?? '') as GradeAnswer;
  assert.match(report.summary, /simulated/i);
  assert.ok(report.strengths.length > 0 && report.improvements.length > 0);
  assert.deepEqual(
    report.criteria.map((s) => s.criterion),
    ['Web platform fundamentals', 'Communication'],
  );
  for (const s of report.criteria) {
    assert.ok(Number.isInteger(s.score) && s.score >= 1 && s.score <= 5, `${s.criterion}: ${s.score}`);
    assert.match(s.rationale, /simulated/i);
  }
  assert.equal(fake.restRequests.length, 1);
  assert.equal(fake.restRequests[0]?.path, '/v1beta/models/gemini-2.5-flash:generateContent');
  assert.equal(fake.restRequests[0]?.apiKey, 'rest-key');
});

test('REST generateContent answers with the scripted generations first, finish reason included, then simulates', async (t) => {
  const fake = await startFakeGemini({
    generateContent: [
      { text: '{"summary": "cut off', finishReason: 'MAX_TOKENS' },
      { text: '{"summary":"ok"}' },
    ],
  });
  t.after(() => fake.close());
  const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: fake.baseUrl, apiVersion: 'v1beta' } });
  const ask = () => ai.models.generateContent({ model: 'gemini-2.5-flash', contents: PROMPT });
  const first = await ask();
  assert.equal(first.text, '{"summary": "cut off');
  assert.equal(first.candidates?.[0]?.finishReason, 'MAX_TOKENS');
  assert.equal((await ask()).text, '{"summary":"ok"}');
  const simulated = JSON.parse((await ask()).text ?? '') as GradeAnswer;
  assert.equal(simulated.criteria.length, 2);
  assert.equal(fake.restRequests.length, 3);
});

test('REST generateContent with a wrong key fails 400 INVALID_ARGUMENT like the real service', async (t) => {
  const fake = await startFakeGemini({ requireApiKey: 'rest-key' });
  t.after(() => fake.close());
  const ai = new GoogleGenAI({
    apiKey: 'nope',
    httpOptions: { baseUrl: fake.baseUrl, apiVersion: 'v1beta' },
  });
  await assert.rejects(
    ai.models.generateContent({ model: 'gemini-2.5-flash', contents: PROMPT }),
    (err: unknown) => {
      const e = err as { status?: number; message?: string };
      assert.equal(e.status, 400);
      assert.match(e.message ?? '', /API key not valid\. Please pass a valid API key\./);
      assert.match(e.message ?? '', /INVALID_ARGUMENT/);
      return true;
    },
  );
});
