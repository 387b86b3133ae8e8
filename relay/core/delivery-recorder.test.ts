import assert from 'node:assert/strict';
import { test } from 'node:test';
import { feedFrames, tone } from '../test-support/synthetic-speech';
import { DeliveryRecorder, RELIABILITY_MIN_SPEECH_MS } from './delivery-recorder';
import { SPEECH_START_RMS } from './speech-segments';

const LOUD = SPEECH_START_RMS * 5;
/** Interviewer audio: PCM16 at 24 kHz. */
const interviewerBytes = (ms: number) => ms * 48;

/** Drives a recorder like the session does: interviewer audio streams while the mic keeps sending frames. */
function interview() {
  const r = new DeliveryRecorder();
  const candidate = (ms: number, rms: number) => feedFrames((f) => r.candidateAudio(f), tone(ms, rms));
  const ask = (text: string, audioMs: number) => {
    r.interviewerAudio(interviewerBytes(audioMs));
    r.transcriptFinal('interviewer', text);
    r.interviewerTurnEnded(false);
    candidate(audioMs, 0); // the candidate hears the question out
  };
  return { r, candidate, ask };
}

const TWENTY_WORDS =
  'Um I I rebuilt the checkout page and we measured every step with the profiler before changing the render code';

test('per answer: speaking time, time to first word, longest pause, answer duration, words, WPM and fillers', () => {
  const { r, candidate, ask } = interview();
  ask('Tell me about a project.', 2_000);
  candidate(1_000, 0);
  candidate(4_000, LOUD);
  candidate(1_500, 0);
  candidate(4_000, LOUD);
  candidate(1_000, 0);
  // Gemini's transcript of the answer arrives while the next question already streams.
  r.interviewerAudio(interviewerBytes(500));
  r.transcriptFinal('candidate', TWENTY_WORDS);
  r.transcriptFinal('interviewer', 'Thanks. What was hard?');
  r.interviewerTurnEnded(false);

  const { answers, summary } = r.result({
    language: 'en-US',
    transcribed: true,
    endReason: 'candidate-ended',
  });
  assert.equal(answers.length, 2);
  const first = answers[0];
  assert.ok(first);
  assert.equal(first.question, 'Tell me about a project.');
  assert.equal(first.answer, TWENTY_WORDS);
  assert.deepEqual(first.delivery, {
    mode: 'spoken',
    speakingMs: 8_000,
    answerMs: 9_500,
    firstWordMs: 1_000,
    longestPauseMs: 1_500,
    words: 20,
    wpm: 150,
    fillers: 1,
    fillersPerMinute: 7.5,
    repeatedStarts: 1,
    flags: [],
  });
  assert.equal(answers[1]?.delivery.mode, 'none');
  assert.equal(summary.questionsAsked, 2);
  assert.equal(summary.questionsAnswered, 1);
  assert.equal(summary.speakingMs, 8_000);
  assert.equal(summary.interviewerMs, 2_500);
  assert.equal(summary.speakingShare, Math.round((8_000 / 10_500) * 100) / 100);
  assert.equal(summary.wpm, 150);
  assert.deepEqual(summary.fillerWords, { um: 1 });
});

test('typed answers count as typed, with words and no pace; the closing turn of a completed interview is left out', () => {
  const { r, ask } = interview();
  ask('Which framework do you know best?', 1_000);
  r.typedAnswer('Lit and React,   for four years.');
  r.transcriptFinal('candidate', 'Lit and React, for four years.');
  ask('Thank you, that is all.', 1_000);
  const { answers, summary } = r.result({ language: 'en', transcribed: true, endReason: 'completed' });
  assert.equal(answers.length, 1);
  assert.equal(answers[0]?.delivery.mode, 'typed');
  assert.equal(answers[0]?.delivery.words, 6);
  assert.equal(answers[0]?.delivery.wpm, null);
  assert.equal(answers[0]?.delivery.firstWordMs, null);
  assert.equal(summary.typedAnswers, 1);
  assert.equal(summary.spokenAnswers, 0);
});

test('the reliability flag marks a transcript far shorter than the speech measured, and only then', () => {
  const { r, candidate, ask } = interview();
  ask('Q1?', 1_000);
  candidate(RELIABILITY_MIN_SPEECH_MS * 3, LOUD); // twelve seconds of speech...
  candidate(1_000, 0);
  r.interviewerAudio(interviewerBytes(100));
  r.transcriptFinal('candidate', 'and then we shipped it'); // ...but five words survived transcription
  r.transcriptFinal('interviewer', 'Q2?');
  r.interviewerTurnEnded(false);
  candidate(100, 0);
  candidate(6_000, LOUD);
  candidate(1_000, 0);
  r.interviewerAudio(interviewerBytes(100));
  r.transcriptFinal(
    'candidate',
    'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen',
  );
  r.interviewerTurnEnded(false);
  const { answers, summary } = r.result({ language: 'en', transcribed: true, endReason: 'candidate-ended' });
  assert.deepEqual(answers[0]?.delivery.flags, ['transcript-short']);
  assert.equal(answers[0]?.delivery.wpm, null, 'no pace from a transcript that lost words');
  assert.deepEqual(answers[1]?.delivery.flags, []);
  assert.equal(answers[1]?.delivery.wpm, 150);
  assert.equal(summary.flaggedAnswers, 1);
  assert.equal(summary.wpm, 150, 'the overall pace leaves the flagged answer out');
});

test('without a transcriber (the simulator) spoken answers keep their measured speech and are flagged not-transcribed', () => {
  const { r, candidate, ask } = interview();
  ask('Q1?', 1_000);
  candidate(500, 0);
  candidate(3_000, LOUD);
  candidate(1_000, 0);
  r.interviewerAudio(interviewerBytes(100));
  r.transcriptFinal('candidate', '[spoken answer, 3.0 s]');
  const { answers } = r.result({ language: 'en', transcribed: false, endReason: 'candidate-ended' });
  assert.equal(answers[0]?.delivery.mode, 'spoken');
  assert.equal(answers[0]?.delivery.speakingMs, 3_000);
  assert.equal(answers[0]?.delivery.firstWordMs, 500);
  assert.equal(answers[0]?.delivery.words, 0);
  assert.deepEqual(answers[0]?.delivery.flags, ['not-transcribed']);
});

test('the plan hooks: a question number lands on the turn that asks it, a skip on the latest question', () => {
  const { r, ask } = interview();
  r.questionNumber(1);
  ask('First?', 500);
  r.skipQuestion();
  r.questionNumber(2);
  ask('Second?', 500);
  r.typedAnswer('An answer.');
  r.transcriptFinal('candidate', 'An answer.');
  const { answers, summary } = r.result({ language: 'en', transcribed: true, endReason: 'candidate-ended' });
  assert.deepEqual(
    answers.map((a) => [a.number, a.skipped]),
    [
      [1, true],
      [2, false],
    ],
  );
  assert.equal(summary.questionsSkipped, 1);
  assert.equal(summary.questionsAnswered, 1);
});

test('a snapshot restores the figures so far and measuring goes on', () => {
  const { r, candidate, ask } = interview();
  ask('Q1?', 1_000);
  candidate(2_000, LOUD);
  const restored = new DeliveryRecorder(JSON.parse(JSON.stringify(r.snapshot())));
  feedFrames((f) => restored.candidateAudio(f), tone(2_000, LOUD));
  feedFrames((f) => restored.candidateAudio(f), tone(1_000, 0));
  const { answers } = restored.result({ language: 'en', transcribed: true, endReason: 'candidate-ended' });
  assert.equal(answers.length, 1);
  assert.equal(answers[0]?.question, 'Q1?');
  assert.equal(answers[0]?.delivery.speakingMs, 4_000);
});

test('a typed answer that closes an open spoken turn: the spoken turn stays spoken, the typed one typed', () => {
  const { r, candidate, ask } = interview();
  ask('Q1?', 1_000);
  candidate(2_000, LOUD);
  candidate(1_000, 0);
  r.typedAnswer('And one more thing.');
  r.transcriptFinal('candidate', 'I said something first'); // closed by the typed answer
  r.transcriptFinal('candidate', 'And one more thing.');
  const { answers } = r.result({ language: 'en', transcribed: true, endReason: 'candidate-ended' });
  assert.equal(answers.length, 1);
  assert.equal(answers[0]?.delivery.mode, 'spoken');
  assert.equal(answers[0]?.delivery.words, 8);
  assert.equal(answers[0]?.answer, 'I said something first And one more thing.');
});
