import type { Role, TranscriptEvent } from '../../../relay/protocol/index';

export interface TranscriptTurn {
  turnId: string;
  role: Role;
  /** The whole text of the turn so far. */
  text: string;
  final: boolean;
}

/** The conversation so far: partial updates replace their turn's text in place (matched by `turnId`). */
export class Transcript {
  readonly #byId = new Map<string, TranscriptTurn>();
  readonly turns: TranscriptTurn[] = [];

  apply(event: TranscriptEvent): TranscriptTurn {
    let turn = this.#byId.get(event.turnId);
    if (!turn) {
      turn = { turnId: event.turnId, role: event.role, text: '', final: false };
      this.#byId.set(event.turnId, turn);
      this.turns.push(turn);
    }
    turn.text = event.text;
    turn.final = event.final;
    return { ...turn };
  }
}
