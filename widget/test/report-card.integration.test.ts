import { expect } from '@open-wc/testing';
import '../src/index';
import type { VoiceInterviewEndDetail, VoiceInterviewReportDetail } from '../src/events';
import type { VoiceInterview } from '../src/voice-interview';
import { waitFor } from './harness/browser-probes';
import { defined } from './harness/defined';
import { button, mountInterview, turns } from './harness/interview-page';
import { after, before, describe, it } from './harness/mocha';
import { type Harness, reportSchemaErrors, startHarness } from './harness/server';

const SCRIPT = [
  { interviewer: 'Hi, I am Maya. Please tell me about a recent project you are proud of.' },
  {
    candidate: 'Hello. Last year I built a design system.',
    interviewer: 'Nice. How did you keep it accessible?',
  },
  { interviewer: 'Thank you, that is all for today.' },
];
const TYPED = 'I wrote accessibility tests for every component and ran them with a screen reader.';

/** Catches the card's downloads: the `<a download>` it clicks, and the file behind its Blob URL. */
function catchDownloads(el: VoiceInterview): { name: string; text: Promise<string> }[] {
  const files: { name: string; text: Promise<string> }[] = [];
  el.shadowRoot?.addEventListener(
    'click',
    (event) => {
      const link = event.target;
      if (!(link instanceof HTMLAnchorElement) || !link.download) return;
      event.preventDefault(); // no file on the test machine's disk; the Blob is what a save would write
      files.push({ name: link.download, text: fetch(link.href).then((r) => r.text()) });
    },
    true,
  );
  return files;
}

describe('the report card after a real interview', () => {
  let harness: Harness;
  let el: VoiceInterview;
  const reports: VoiceInterviewReportDetail[] = [];
  let ended: VoiceInterviewEndDetail | undefined;

  before(async () => {
    harness = await startHarness({ script: SCRIPT });
    ({ el } = await mountInterview(harness.relayUrl));
    el.addEventListener('vi-report', (event) => reports.push(event.detail));
    el.addEventListener('vi-end', (event) => {
      ended = event.detail;
    });
    button(el, 'Start interview').click();
    // The fake microphone answers question 1 out loud; question 2 gets a typed answer.
    await waitFor(
      () => turns(el, 'interviewer').includes(SCRIPT[1]?.interviewer ?? '?'),
      'question 2',
      60_000,
    );
    const input = defined(el.shadowRoot?.querySelector('input'), 'answer box');
    input.value = TYPED;
    el.shadowRoot?.querySelector('form')?.requestSubmit();
    await waitFor(() => ended !== undefined, 'the interview ended', 60_000);
    await el.updateComplete;
  });

  after(() => el.remove());

  it('the host page receives vi-report once, with the same report vi-end carries', () => {
    expect(reports.length).to.equal(1);
    expect(ended?.report).to.deep.equal(reports[0]?.report);
  });

  it('renders the overall score, a bar per criterion and the delivery figures with their ranges', () => {
    const report = defined(reports[0], 'a report').report;
    const card = defined(el.shadowRoot?.querySelector('[part="report"]'), 'the card');
    expect(report.status).to.equal('complete');
    expect(card.querySelector('.overall')?.getAttribute('aria-label')).to.include(
      String(report.overallScore),
    );
    const criteria = card.querySelectorAll('.criterion');
    expect(report.criteria.length).to.be.greaterThan(0);
    expect(criteria.length).to.equal(report.criteria.length);
    expect(card.querySelectorAll('.criterion .bar span').length).to.equal(criteria.length);
    expect(card.querySelector('.figures')?.textContent).to.include(
      `aim: ${report.ranges.wpm[0]}–${report.ranges.wpm[1]}`,
    );
    expect(report.questions.length).to.equal(2);
    expect(card.querySelectorAll('.question').length).to.equal(report.questions.length);
  });

  it('measured the spoken answer on the microphone audio and the typed one as typed', () => {
    const report = defined(reports[0], 'a report').report;
    const [spoken, typed] = report.questions;
    expect(spoken?.delivery.mode).to.equal('spoken');
    expect(spoken?.delivery.speakingMs).to.be.greaterThan(2_000);
    expect(spoken?.delivery.firstWordMs).to.be.a('number');
    expect(typed?.delivery.mode).to.equal('typed');
    expect(typed?.answer).to.equal(TYPED);
    expect(report.delivery.spokenAnswers).to.equal(1);
    expect(report.delivery.typedAnswers).to.equal(1);
  });

  it('Download JSON gives a file that parses and validates against the published schema', async () => {
    const files = catchDownloads(el);
    button(el, 'Download JSON').click();
    expect(files.length).to.equal(1);
    const file = defined(files[0], 'a download');
    expect(file.name).to.match(/^interview-report-frontend-mid-\d{4}-\d\d-\d\d\.json$/);
    const parsed = JSON.parse(await file.text);
    expect(parsed).to.deep.equal(reports[0]?.report);
    expect(await reportSchemaErrors(parsed)).to.deep.equal([]);
  });

  it('Download Markdown gives a document with the scores table, the figures and every question', async () => {
    const report = defined(reports[0], 'a report').report;
    const files = catchDownloads(el);
    button(el, 'Download Markdown').click();
    expect(files.length).to.equal(1);
    const file = defined(files[0], 'a download');
    expect(file.name).to.match(/\.md$/);
    const text = await file.text;
    const lines = text.split('\n');
    expect(lines[0]).to.equal(`# Your feedback: ${report.interview.title}`);
    const rows = lines.filter((line) => line.startsWith('| ') && line.endsWith(' |'));
    expect(rows.length).to.equal(report.criteria.length + 2, 'header, rule, one row per criterion');
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).to.equal(5, row);
    expect(lines.filter((line) => line.startsWith('### ')).length).to.equal(report.questions.length);
    expect(text).to.include('- Pace: ');
  });

  it('Practice again starts a new interview', async () => {
    button(el, 'Practice again').click();
    await waitFor(() => el.state === 'connecting' || el.state === 'live', 'a new interview starts');
    expect(el.shadowRoot?.querySelector('[part="report"]')).to.equal(null);
    el.end();
    await waitFor(() => el.state === 'ended', 'ended again');
  });
});
