import type { Role, TranscriptEvent } from '../protocol/messages';

/**
 * Turns Gemini's transcription fragments into clean turns, once, so no client has to.
 * Fragments of one speaker are concatenated until the other speaker starts, the turn completes, or the
 * interviewer is interrupted; each change is reported as the whole text of the turn so far.
 */
export class TranscriptMerger {
  #counter = 0;
  #open = new Map<Role, { turnId: string; raw: string }>();
  /** Texts of the turns so far, for the feedback report. */
  readonly history: { role: Role; text: string }[] = [];

  constructor(
    private readonly emit: (event: TranscriptEvent) => void,
    /** Turns from before a restore, kept for the report. */
    earlier: readonly { role: Role; text: string }[] = [],
    /** Turn numbers start above this; a restored session passes its event cursor, which no old turn exceeds. */
    firstTurnAfter = 0,
  ) {
    this.history.push(...earlier);
    this.#counter = firstTurnAfter;
  }

  /** A candidate transcription fragment: closes any open interviewer turn. */
  candidateFragment(text: string): void {
    this.#append('candidate', text, 'interviewer');
  }

  /** An interviewer transcription fragment: the candidate's answer is over. */
  interviewerFragment(text: string): void {
    this.#append('interviewer', text, 'candidate');
  }

  /** A whole turn known at once (a typed answer). */
  completeTurn(role: Role, text: string): void {
    this.finishAll();
    const turnId = this.#nextId(role);
    const clean = tidy(text);
    this.history.push({ role, text: clean });
    this.emit({ type: 'transcript', role, turnId, text: clean, final: true });
  }

  /** Turn complete or interrupted: everything open becomes final. */
  finishAll(): void {
    this.#finish('candidate');
    this.#finish('interviewer');
  }

  #append(role: Role, fragment: string, other: Role): void {
    if (fragment === '') return;
    this.#finish(other);
    let turn = this.#open.get(role);
    if (!turn) {
      turn = { turnId: this.#nextId(role), raw: '' };
      this.#open.set(role, turn);
    }
    turn.raw += fragment;
    const text = tidy(turn.raw);
    if (text !== '') this.emit({ type: 'transcript', role, turnId: turn.turnId, text, final: false });
  }

  #finish(role: Role): void {
    const turn = this.#open.get(role);
    if (!turn) return;
    this.#open.delete(role);
    const text = tidy(turn.raw);
    if (text === '') return;
    this.history.push({ role, text });
    this.emit({ type: 'transcript', role, turnId: turn.turnId, text, final: true });
  }

  #nextId(role: Role): string {
    this.#counter += 1;
    return `${role === 'candidate' ? 'c' : 'i'}${this.#counter}`;
  }
}

/** Fragments carry their own leading spaces; collapse runs and trim the ends. */
function tidy(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}
