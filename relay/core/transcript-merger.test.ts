import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { TranscriptEvent } from '../protocol/messages';
import { TranscriptMerger } from './transcript-merger';

function collect() {
  const events: TranscriptEvent[] = [];
  return { events, merger: new TranscriptMerger((event) => events.push(event)) };
}

it('merges fragments into whole turns that update in place, then finalises them', () => {
  const { events, merger } = collect();
  merger.candidateFragment(' I built');
  merger.candidateFragment(' a  dashboard.');
  merger.interviewerFragment(' Great,');
  merger.interviewerFragment(' why?');
  merger.finishAll();
  assert.deepEqual(
    events.map((e) => [e.role, e.turnId, e.text, e.final]),
    [
      ['candidate', 'c1', 'I built', false],
      ['candidate', 'c1', 'I built a dashboard.', false],
      ['candidate', 'c1', 'I built a dashboard.', true],
      ['interviewer', 'i2', 'Great,', false],
      ['interviewer', 'i2', 'Great, why?', false],
      ['interviewer', 'i2', 'Great, why?', true],
    ],
  );
  assert.deepEqual(merger.history, [
    { role: 'candidate', text: 'I built a dashboard.' },
    { role: 'interviewer', text: 'Great, why?' },
  ]);
});

it('starts a new turn id for each turn and records typed answers as final turns', () => {
  const { events, merger } = collect();
  merger.interviewerFragment('Q1');
  merger.finishAll();
  merger.completeTurn('candidate', '  typed   answer ');
  merger.interviewerFragment('Q2');
  assert.deepEqual(
    events.map((e) => [e.turnId, e.text, e.final]),
    [
      ['i1', 'Q1', false],
      ['i1', 'Q1', true],
      ['c2', 'typed answer', true],
      ['i3', 'Q2', false],
    ],
  );
  assert.deepEqual(merger.history, [
    { role: 'interviewer', text: 'Q1' },
    { role: 'candidate', text: 'typed answer' },
  ]);
});

it('ignores empty and whitespace-only fragments', () => {
  const { events, merger } = collect();
  merger.candidateFragment('');
  merger.candidateFragment('   ');
  merger.finishAll();
  assert.deepEqual(events, []);
  assert.deepEqual(merger.history, []);
});
