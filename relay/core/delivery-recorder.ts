import type { EndReason, Role } from '../protocol/messages';
import type { AnswerDelivery, AnswerFlag, DeliverySummary } from '../protocol/report';
import { type SegmenterSnapshot, type SpeechSegment, SpeechSegmenter } from './speech-segments';
import { countFillers, countRepeatedStarts, perMinute, words } from './word-metrics';

/** Interviewer audio is PCM16 at 24 kHz: 48 bytes a millisecond. */
const INTERVIEWER_BYTES_PER_MS = 48;
/** Rates (words, fillers per minute) need this much speech to mean anything. */
export const MIN_RATE_SPEECH_MS = 3_000;
/** Less speech than this in an answer window is noise, not an answer. */
export const MIN_ANSWER_SPEECH_MS = 500;
/**
 * The transcript of an answer with at least {@link RELIABILITY_MIN_SPEECH_MS} of speech is implausibly
 * short below this many words per second of speech (60 a minute; fluent speech is 120-160).
 */
export const RELIABLE_WORDS_PER_SECOND = 1;
export const RELIABILITY_MIN_SPEECH_MS = 4_000;

/** One interviewer turn and what the candidate said or typed after it. */
interface Exchange {
  /** Audio-timeline ms when the turn started and when the candidate heard it end. */
  startMs: number;
  endMs: number | null;
  /** Where the candidate timeline stood when the turn completed (its audio may still be playing). */
  completedAtMs: number | null;
  audioMs: number;
  question: string;
  number?: number;
  skipped: boolean;
  spoken: string[];
  typed: string[];
}

export interface DeliverySnapshot {
  speech: SegmenterSnapshot;
  interviewerMs: number;
  exchanges: Exchange[];
  turnOpen: boolean;
}

export interface AnswerRecord {
  index: number;
  number?: number;
  question: string;
  answer: string;
  skipped: boolean;
  delivery: AnswerDelivery;
}

export interface DeliveryResult {
  answers: AnswerRecord[];
  summary: DeliverySummary;
}

/**
 * Per-question delivery figures for one interview. The session feeds it the candidate's uplink frames, the
 * interviewer's audio and turn ends, and the final transcript turns; it splits the interview on interviewer
 * turns into question → answer windows on the candidate audio timeline. A question ends where the candidate
 * heard its last audio (its start plus its audio's duration), so time to first word is measured from there.
 * Question numbers and skips come from the interview plan when there is one ({@link questionNumber},
 * {@link skipQuestion}).
 */
export class DeliveryRecorder {
  readonly #speech: SpeechSegmenter;
  readonly #exchanges: Exchange[];
  #interviewerMs: number;
  #turnOpen: boolean;
  #pendingNumber: number | undefined;
  /** The text of a typed answer whose transcript turn is about to arrive. */
  #typedText: string | undefined;

  constructor(snapshot?: DeliverySnapshot) {
    this.#speech = new SpeechSegmenter(snapshot?.speech);
    this.#exchanges = snapshot ? snapshot.exchanges.map((e) => ({ ...e })) : [];
    this.#interviewerMs = snapshot?.interviewerMs ?? 0;
    this.#turnOpen = snapshot?.turnOpen ?? false;
  }

  /** Hot path: one candidate uplink frame. */
  candidateAudio(pcm: Uint8Array): void {
    this.#speech.push(pcm);
  }

  interviewerAudio(byteLength: number): void {
    const current = this.#openTurn();
    const ms = byteLength / INTERVIEWER_BYTES_PER_MS;
    current.audioMs += ms;
    this.#interviewerMs += ms;
  }

  /** The interviewer's turn completed (or was interrupted: the candidate stopped hearing it now). */
  interviewerTurnEnded(interrupted: boolean): void {
    if (!this.#turnOpen) return;
    this.#turnOpen = false;
    const current = this.#exchanges.at(-1);
    if (!current) return;
    const now = this.#speech.positionMs;
    current.completedAtMs = now;
    current.endMs = interrupted ? now : Math.max(now, current.startMs + current.audioMs);
  }

  /**
   * A final transcript turn. Gemini transcribes an answer late: the candidate's turn is often closed by the
   * next question's first words, while that question's audio already streams. So a spoken turn that ends
   * during an interviewer turn answers the one before; a typed one always answers the latest.
   */
  transcriptFinal(role: Role, text: string): void {
    const latest = this.#exchanges.at(-1);
    if (role === 'interviewer') {
      const unanswered = latest && latest.spoken.length === 0 && latest.typed.length === 0;
      const target = latest && (this.#turnOpen || unanswered) ? latest : this.#closedTextTurn();
      target.question = target.question ? `${target.question} ${text}` : text;
      return;
    }
    // A typed answer first closes any open spoken turn, so only the turn with its text is the typed one.
    const typed = this.#typedText === text;
    if (typed) this.#typedText = undefined;
    const target = !typed && this.#turnOpen ? (this.#exchanges.at(-2) ?? latest) : latest;
    if (!target) return; // before the first question: nothing to measure against
    (typed ? target.typed : target.spoken).push(text);
  }

  /** The candidate typed `text`: its transcript turn (whitespace collapsed) is a typed answer. */
  typedAnswer(text: string): void {
    this.#typedText = text.replace(/\s+/g, ' ').trim();
  }

  /** Hook for an interview plan: the interviewer's current (or next) turn asks question `n`. */
  questionNumber(n: number): void {
    const current = this.#turnOpen ? this.#exchanges.at(-1) : undefined;
    if (current) current.number = n;
    else this.#pendingNumber = n;
  }

  /** Hook for an interview plan: the candidate skipped the latest question. */
  skipQuestion(): void {
    const current = this.#exchanges.at(-1);
    if (current) current.skipped = true;
  }

  snapshot(): DeliverySnapshot {
    return {
      speech: this.#speech.snapshot(),
      interviewerMs: this.#interviewerMs,
      exchanges: this.#exchanges.map((e) => ({ ...e, spoken: [...e.spoken], typed: [...e.typed] })),
      turnOpen: this.#turnOpen,
    };
  }

  /**
   * The figures per answer and overall. `transcribed: false` (the simulator) means spoken answers have no
   * words, only their measured speech. A trailing question nobody answered is the closing when the interview
   * completed, and is left out.
   */
  result(options: { language: string; transcribed: boolean; endReason: EndReason }): DeliveryResult {
    let exchanges = this.#exchanges;
    const last = exchanges.at(-1);
    if (
      last &&
      options.endReason === 'completed' &&
      this.#answerOf(exchanges.length - 1, options).mode === 'none'
    )
      exchanges = exchanges.slice(0, -1);
    const answers = exchanges.map((exchange, i) => {
      const delivery = this.#answerOf(i, options);
      return {
        index: i + 1,
        ...(exchange.number !== undefined ? { number: exchange.number } : {}),
        question: exchange.question,
        answer: [...exchange.spoken, ...exchange.typed].join(' '),
        skipped: exchange.skipped,
        delivery,
      };
    });
    return { answers, summary: this.#summary(answers, options.language, options.transcribed) };
  }

  #answerOf(i: number, options: { language: string; transcribed: boolean }): AnswerDelivery {
    const exchange = this.#exchanges[i] as Exchange;
    const heardEnd = exchange.endMs ?? exchange.startMs + exchange.audioMs;
    // Speech counts from the moment the turn completed: a muted microphone sends no frames, so the
    // timeline may lag the question's playback; time to first word is still measured from its heard end.
    const from = Math.min(heardEnd, exchange.completedAtMs ?? heardEnd);
    const to = this.#exchanges[i + 1]?.startMs ?? Number.POSITIVE_INFINITY;
    const segments = this.#speech.between(from, to);
    const speakingMs = sum(segments.map((s) => s.endMs - s.startMs));
    const spokenText = options.transcribed ? exchange.spoken.join(' ') : '';
    const spokenWords = words(spokenText).length;
    const typedWords = words(exchange.typed.join(' ')).length;
    const spoke = speakingMs >= MIN_ANSWER_SPEECH_MS || spokenWords > 0;
    const mode = spoke ? 'spoken' : typedWords > 0 ? 'typed' : 'none';
    const flags: AnswerFlag[] = [];
    if (speakingMs >= MIN_ANSWER_SPEECH_MS && spokenWords === 0) flags.push('not-transcribed');
    else if (
      speakingMs >= RELIABILITY_MIN_SPEECH_MS &&
      spokenWords < (speakingMs / 1000) * RELIABLE_WORDS_PER_SECOND
    )
      flags.push('transcript-short');
    const reliable = flags.length === 0;
    const fillers = countFillers(spokenText, options.language).total;
    const first = segments[0];
    return {
      mode,
      speakingMs: Math.round(speakingMs),
      answerMs: first ? Math.round((segments.at(-1) as SpeechSegment).endMs - first.startMs) : 0,
      firstWordMs: first && mode === 'spoken' ? Math.round(Math.max(0, first.startMs - heardEnd)) : null,
      longestPauseMs: Math.round(longestGap(segments)),
      words: spokenWords + typedWords,
      wpm: reliable ? rounded(perMinute(spokenWords, speakingMs, MIN_RATE_SPEECH_MS)) : null,
      fillers,
      fillersPerMinute: reliable ? perMinute(fillers, speakingMs, MIN_RATE_SPEECH_MS) : null,
      repeatedStarts: countRepeatedStarts(spokenText),
      flags,
    };
  }

  #summary(answers: AnswerRecord[], language: string, transcribed: boolean): DeliverySummary {
    const deliveries = answers.map((a) => a.delivery);
    const speakingMs = sum(deliveries.map((d) => d.speakingMs));
    const rated = deliveries.filter((d) => d.wpm !== null);
    const ratedMs = sum(rated.map((d) => d.speakingMs));
    const spokenText = transcribed ? this.#exchanges.flatMap((e) => e.spoken).join(' ') : '';
    const fillers = countFillers(spokenText, language);
    const firstWords = deliveries.flatMap((d) => (d.firstWordMs === null ? [] : [d.firstWordMs]));
    const interviewerMs = Math.round(this.#interviewerMs);
    const ratedWords = sum(rated.map((d) => (d.wpm ?? 0) * (d.speakingMs / 60_000)));
    const ratedFillers = sum(rated.map((d) => d.fillers));
    return {
      speakingMs,
      interviewerMs,
      speakingShare:
        speakingMs + interviewerMs > 0 ? round2(speakingMs / (speakingMs + interviewerMs)) : null,
      words: sum(deliveries.map((d) => d.words)),
      wpm: rounded(perMinute(ratedWords, ratedMs, MIN_RATE_SPEECH_MS)),
      fillers: fillers.total,
      fillersPerMinute: perMinute(ratedFillers, ratedMs, MIN_RATE_SPEECH_MS),
      fillerWords: fillers.byWord,
      repeatedStarts: sum(deliveries.map((d) => d.repeatedStarts)),
      longestPauseMs: Math.max(0, ...deliveries.map((d) => d.longestPauseMs)),
      firstWordMs: firstWords.length ? Math.round(sum(firstWords) / firstWords.length) : null,
      questionsAsked: answers.length,
      questionsAnswered: answers.filter((a) => !a.skipped && a.delivery.mode !== 'none').length,
      questionsSkipped: answers.filter((a) => a.skipped).length,
      spokenAnswers: deliveries.filter((d) => d.mode === 'spoken').length,
      typedAnswers: deliveries.filter((d) => d.mode === 'typed').length,
      flaggedAnswers: deliveries.filter((d) => d.flags.length > 0).length,
    };
  }

  #openTurn(): Exchange {
    const current = this.#exchanges.at(-1);
    if (this.#turnOpen && current) return current;
    this.#turnOpen = true;
    const exchange: Exchange = {
      startMs: this.#speech.positionMs,
      endMs: null,
      completedAtMs: null,
      audioMs: 0,
      question: '',
      skipped: false,
      spoken: [],
      typed: [],
      ...(this.#pendingNumber !== undefined ? { number: this.#pendingNumber } : {}),
    };
    this.#pendingNumber = undefined;
    this.#exchanges.push(exchange);
    return exchange;
  }

  /** An interviewer turn that came as text only (no audio): it starts and ends now. */
  #closedTextTurn(): Exchange {
    const exchange = this.#openTurn();
    this.interviewerTurnEnded(false);
    return exchange;
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function longestGap(segments: SpeechSegment[]): number {
  let longest = 0;
  for (let i = 1; i < segments.length; i++)
    longest = Math.max(
      longest,
      (segments[i] as SpeechSegment).startMs - (segments[i - 1] as SpeechSegment).endMs,
    );
  return longest;
}

function rounded(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
