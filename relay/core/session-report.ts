import type { EndReason, Role } from '../protocol/messages';
import type { InterviewReport } from '../protocol/report';
import type { RelayConfig } from './config';
import type { DeliveryRecorder } from './delivery-recorder';
import type { InterviewTemplate } from './interview-templates';
import type { Logger } from './logger';
import { completeReport, partialReport } from './report-builder';
import { reportPrompt } from './report-prompt';
import { gradeInterview } from './rubric-grader';

/**
 * The end-of-interview report for one session: delivery figures measured by the relay, then rubric grading
 * by the report model. Always returns a report: a partial one (figures and transcript) when grading failed.
 */
export async function buildSessionReport(
  config: RelayConfig,
  logger: Logger,
  template: InterviewTemplate,
  recorder: DeliveryRecorder,
  transcript: { role: Role; text: string }[],
  endReason: EndReason,
): Promise<InterviewReport> {
  const delivery = recorder.result({
    language: template.language,
    // The simulator cannot transcribe: its spoken "transcripts" are placeholders.
    transcribed: !config.simulated,
    endReason,
  });
  const inputs = { template, delivery, transcript: [...transcript], endReason, simulated: config.simulated };
  const outcome = await gradeInterview(
    { apiKey: config.geminiApiKey, baseUrl: config.geminiBaseUrl, model: config.geminiReportModel },
    template,
    reportPrompt(template, delivery.answers),
    delivery.answers.length,
  );
  if (outcome.ok) {
    const report = completeReport(inputs, outcome.grade);
    logger.log('info', 'report graded', {
      attempts: outcome.attempts,
      overall: report.overallScore,
      evidenceDropped: report.evidenceDropped,
    });
    return report;
  }
  logger.log('warn', 'report grading failed', {
    reason: outcome.reason,
    attempts: outcome.attempts,
    detail: outcome.detail,
  });
  return partialReport(inputs, outcome.reason);
}

/**
 * The report as a session ends it: a partial report is announced through `unavailable` first; a report that
 * could not be built at all (a bug, not a grading failure) is only announced, and the interview still ends.
 */
export async function reportAtEnd(
  args: Parameters<typeof buildSessionReport>,
  logger: Logger,
  unavailable: (message: string) => void,
): Promise<InterviewReport | undefined> {
  try {
    const report = await buildSessionReport(...args);
    if (report.status === 'partial')
      unavailable('Your answers could not be scored this time; your delivery figures are in the report.');
    return report;
  } catch (error) {
    logger.log('error', 'report failed', { detail: error });
    unavailable('The feedback report could not be generated this time.');
    return undefined;
  }
}
