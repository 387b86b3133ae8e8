/** docs/report.schema.json describes the reports the relay builds, and rejects what they must not be. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeliveryRecorder } from '../core/delivery-recorder';
import { bundledTemplates } from '../core/interview-templates';
import { completeReport, partialReport } from '../core/report-builder';
import { reportSchemaErrors } from '../test-support/report-schema';

const template = bundledTemplates.get('product-manager') ?? assert.fail('bundled');

function inputs() {
  const recorder = new DeliveryRecorder();
  recorder.interviewerAudio(48_000);
  recorder.transcriptFinal('interviewer', 'Tell me about a launch.');
  recorder.interviewerTurnEnded(false);
  recorder.typedAnswer('We launched search and doubled weekly active users.');
  recorder.transcriptFinal('candidate', 'We launched search and doubled weekly active users.');
  return {
    template,
    delivery: recorder.result({
      language: template.language,
      transcribed: true,
      endReason: 'candidate-ended',
    }),
    transcript: [
      { role: 'interviewer' as const, text: 'Tell me about a launch.' },
      { role: 'candidate' as const, text: 'We launched search and doubled weekly active users.' },
    ],
    endReason: 'candidate-ended' as const,
    simulated: false,
  };
}

const grade = {
  summary: 'Good.',
  criteria: template.rubric.map((r) => ({
    criterion: r.criterion,
    score: 4,
    rationale: 'Fine.',
    evidence: ['doubled weekly active users'],
  })),
  questions: new Map([[1, { strong: 'Numbers.', missing: 'Users.', suggestion: 'Name the segment.' }]]),
  strengths: ['Numbers.'],
  improvements: ['Users.'],
};

test('complete and partial reports validate; broken ones do not', () => {
  const complete = completeReport(inputs(), grade);
  const partial = partialReport(inputs(), 'grader-unavailable');
  assert.deepEqual(reportSchemaErrors(complete), []);
  assert.deepEqual(reportSchemaErrors(partial), []);
  const broken: unknown[] = [
    { ...complete, overallScore: 120 },
    { ...complete, reportVersion: 2 },
    { ...partial, overallScore: 50 },
    { ...partial, partialReason: undefined },
    { ...complete, criteria: [{ ...complete.criteria[0], score: 0 }] },
    { ...complete, delivery: undefined },
  ];
  for (const value of broken) assert.ok(reportSchemaErrors(JSON.parse(JSON.stringify(value))).length > 0);
});
