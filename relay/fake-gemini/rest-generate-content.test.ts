import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GoogleGenAI } from '@google/genai';
import { startFakeGemini } from './fake-gemini-server';
import type { FeedbackReport } from './feedback-report';

const PROMPT = `Write the feedback report for this practice interview as JSON.

Rubric:
- Web platform fundamentals: Rendering pipeline, DOM, event loop, networking basics.
- Communication: Structured, concise answers with concrete examples.

Transcript:
Interviewer: Tell me about a recent project.
Candidate: I rebuilt the checkout page; we measured rendering with the profiler and cut the event loop work in half.
Interviewer: How does the browser render a page?
Candidate: [spoken answer, 7.4 s]
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
  const report = JSON.parse(response.text ?? '') as FeedbackReport;
  assert.match(report.summary, /simulated/i);
  assert.ok(report.strengths.length > 0 && report.improvements.length > 0);
  assert.deepEqual(
    report.scores.map((s) => s.criterion),
    ['Web platform fundamentals', 'Communication'],
  );
  for (const s of report.scores) {
    assert.ok(Number.isInteger(s.score) && s.score >= 1 && s.score <= 5, `${s.criterion}: ${s.score}`);
    assert.match(s.comment, /simulated/i);
  }
  assert.equal(fake.restRequests.length, 1);
  assert.equal(fake.restRequests[0]?.path, '/v1beta/models/gemini-2.5-flash:generateContent');
  assert.equal(fake.restRequests[0]?.apiKey, 'rest-key');
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
