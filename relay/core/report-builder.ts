import type { EndReason, Role } from '../protocol/messages';
import {
  type CriterionScore,
  DELIVERY_RANGES,
  type InterviewReport,
  type PartialReason,
  REPORT_VERSION,
} from '../protocol/report';
import type { DeliveryResult } from './delivery-recorder';
import { EvidenceChecker } from './evidence-check';
import type { InterviewTemplate } from './interview-templates';
import { weightOf } from './report-prompt';
import type { Grade } from './rubric-grader';

/** 0-100 from 1-5 scores: each criterion's (score - 1) / 4, weighted by the rubric. */
export function overallScore(criteria: readonly { score: number; weight: number }[]): number {
  const total = criteria.reduce((n, c) => n + c.weight, 0);
  if (total <= 0) return 0;
  const points = criteria.reduce((n, c) => n + (c.weight * (c.score - 1)) / 4, 0);
  return Math.round((points / total) * 100);
}

export interface ReportInputs {
  template: InterviewTemplate;
  delivery: DeliveryResult;
  transcript: { role: Role; text: string }[];
  endReason: EndReason;
  simulated: boolean;
  now?: Date;
}

const PARTIAL_SUMMARY: Record<PartialReason, string> = {
  'grader-malformed':
    'Your answers could not be scored this time (the grader did not answer in the expected form). Your delivery figures and the transcript are below.',
  'grader-unavailable':
    'Your answers could not be scored this time (the grader could not be reached). Your delivery figures and the transcript are below.',
};

function base(
  inputs: ReportInputs,
): Omit<
  InterviewReport,
  'status' | 'overallScore' | 'summary' | 'strengths' | 'improvements' | 'criteria' | 'evidenceDropped'
> {
  const t = inputs.template;
  return {
    reportVersion: REPORT_VERSION,
    simulated: inputs.simulated,
    generatedAt: (inputs.now ?? new Date()).toISOString(),
    interview: { id: t.id, title: t.title, role: t.role, level: t.level, language: t.language },
    endReason: inputs.endReason,
    questions: inputs.delivery.answers.map((a) => ({ ...a, feedback: null })),
    delivery: inputs.delivery.summary,
    ranges: DELIVERY_RANGES,
    transcript: inputs.transcript,
  };
}

/** A graded report: evidence checked against the candidate's words, overall score from the weights. */
export function completeReport(inputs: ReportInputs, grade: Grade): InterviewReport {
  const checker = new EvidenceChecker(
    inputs.transcript.filter((t) => t.role === 'candidate').map((t) => t.text),
  );
  let evidenceDropped = 0;
  const criteria: CriterionScore[] = grade.criteria.map((c) => {
    const line = inputs.template.rubric.find((r) => r.criterion === c.criterion);
    const { kept, dropped } = checker.filter(c.evidence);
    evidenceDropped += dropped;
    return {
      criterion: c.criterion,
      description: line?.description ?? '',
      weight: weightOf(line ?? {}),
      score: c.score,
      rationale: c.rationale,
      evidence: kept,
      evidenceDropped: dropped,
    };
  });
  const report = base(inputs);
  return {
    ...report,
    status: 'complete',
    overallScore: overallScore(criteria),
    summary: grade.summary,
    strengths: grade.strengths,
    improvements: grade.improvements,
    criteria,
    evidenceDropped,
    questions: report.questions.map((q) => ({ ...q, feedback: grade.questions.get(q.index) ?? null })),
  };
}

/** Metrics and transcript, no scores: what the candidate gets when grading failed. */
export function partialReport(inputs: ReportInputs, reason: PartialReason): InterviewReport {
  return {
    ...base(inputs),
    status: 'partial',
    partialReason: reason,
    overallScore: null,
    summary: PARTIAL_SUMMARY[reason],
    strengths: [],
    improvements: [],
    criteria: [],
    evidenceDropped: 0,
  };
}
