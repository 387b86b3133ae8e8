import { AudioKind, decodeAudioFrame } from '../protocol/audio-frame';
import { CloseCode, closeCodeFor } from '../protocol/close-codes';
import { decodeClientMessage, encodeForWebSocket, type OutboundFrame } from '../protocol/codec';
import type { ErrorCode } from '../protocol/messages';
import { ProtocolError } from '../protocol/protocol-error';
import type { ClientSink } from './client-sink';
import type { InterviewSession } from './interview-session';
import { BurstBudget } from './rate-limiter';

/** The little a platform WebSocket must offer: Node `ws` and workerd's WebSocketPair both map onto it. */
export interface RawSocket {
  send(data: string | Uint8Array): void;
  close(code: number, reason: string): void;
}

/**
 * Inbound frames one connection may send: 100 per second sustained (real time is 50 for 20 ms audio frames),
 * bursts of 750 (a resuming client resends up to 10 s of buffered audio at once, plus control messages).
 */
export const FRAMES_PER_SECOND = 100;
export const FRAME_BURST = 750;
/** Malformed frames tolerated on one connection before it is closed. */
export const MAX_MALFORMED_FRAMES = 20;

/** Sends an `error` event that belongs to this connection only (id 0), then optionally closes. */
export function rejectSocket(raw: RawSocket, code: ErrorCode, message: string): void {
  raw.send(encodeForWebSocket({ id: 0, event: { type: 'error', code, message, retryable: false } }));
  raw.close(closeCodeFor(code), message.slice(0, 120));
}

/** One client WebSocket attached to a session: encodes what goes out, validates what comes in. */
export class SocketClient implements ClientSink {
  readonly transport = 'websocket';
  readonly #budget = new BurstBudget(FRAME_BURST, FRAMES_PER_SECOND);
  #malformed = 0;
  #floodReported = 0;

  constructor(
    private readonly raw: RawSocket,
    private readonly session: InterviewSession,
  ) {}

  send(frame: OutboundFrame): void {
    this.raw.send(encodeForWebSocket(frame));
  }

  close(code: number, reason: string): void {
    this.raw.close(code, reason);
  }

  /** A message from the client: a JSON control message (text) or a binary audio frame. */
  receive(data: string | ArrayBuffer | Uint8Array): void {
    if (!this.session.isAttached(this)) return;
    if (!this.#budget.take()) {
      const now = Date.now();
      if (now - this.#floodReported > 1000) {
        this.#floodReported = now;
        this.#reportError(
          new ProtocolError('rate-limited', 'Too many frames per second; some were dropped.', true),
        );
      }
      return;
    }
    try {
      if (typeof data === 'string') {
        this.session.acceptMessage(decodeClientMessage(data));
        return;
      }
      const frame = decodeAudioFrame(data);
      if (frame.kind !== AudioKind.Candidate)
        throw new ProtocolError('protocol', 'clients send candidate audio only');
      this.session.acceptAudio(frame.seq, frame.pcm);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.#malformed += 1;
      this.#reportError(error);
      if (this.#malformed >= MAX_MALFORMED_FRAMES)
        this.raw.close(CloseCode.BadRequest, 'too many malformed frames');
    }
  }

  /** The socket closed, for whatever reason. */
  closed(): void {
    this.session.detach(this);
  }

  #reportError(error: ProtocolError): void {
    this.send({
      id: 0,
      event: { type: 'error', code: error.code, message: error.message, retryable: error.retryable },
    });
  }
}
