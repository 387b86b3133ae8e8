/** Why the upstream connection was re-established: a label for logs and the reconnect metric. */
export type ReconnectCause =
  | 'goaway'
  | 'rollover'
  | 'deadline'
  | 'unavailable'
  | 'lost'
  | 'other'
  /** A new Gemini session carrying the transcript, after the old one's handle expired. */
  | 'continuation';

/** The cause for an unexpected close with this WebSocket code. */
export function reconnectCauseOf(code: number, reason = ''): ReconnectCause {
  if (code === 1011) return /deadline expired/i.test(reason) ? 'deadline' : 'unavailable';
  if (code === 1006) return 'lost';
  return 'other';
}
