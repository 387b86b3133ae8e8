import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import { DOWNLINK_SEND_LIMITS } from '../core/client-sink';
import type { RawSocket } from '../core/socket-client';
import { CloseCode } from '../protocol/close-codes';

/** `ws`'s send buffer is the queue the shared bounds apply to; past the second the close is 4408. */
export const SEND_LIMITS = DOWNLINK_SEND_LIMITS;

/** The little of `ws` this needs (a test double fits). */
export type SocketLike = Pick<WebSocket, 'readyState' | 'bufferedAmount' | 'send' | 'close'>;

export interface SendCounters {
  droppedAudioFrames: number;
  slowCloses: number;
}

export const sendCounters: SendCounters = { droppedAudioFrames: 0, slowCloses: 0 };

/** The TCP (or TLS) stream under a `ws` socket: the `socket` of the HTTP upgrade it was made from. */
export type CorkableStream = Pick<Duplex, 'cork' | 'uncork'>;

/**
 * Everything sent toward one client in the same tick leaves in one `writev`: the first send corks the
 * stream, the end of the tick uncorks it. One Gemini message can become several client messages (an audio
 * chunk and its transcript, a turn end and a notice), a resumed client is sent its whole replay at once, and
 * each `ws` message would otherwise be its own syscall (the largest single cost in the relay's profile).
 * Nothing waits longer than the current tick; order is kept.
 */
export function tickCorker(stream: CorkableStream): () => void {
  let corked = false;
  const release = () => {
    corked = false;
    stream.uncork();
  };
  return () => {
    if (corked) return;
    corked = true;
    stream.cork();
    process.nextTick(release);
  };
}

/**
 * A `ws` socket as the core's RawSocket, with a bounded send buffer. `hold` (a {@link tickCorker}) is
 * called before each send.
 */
export function nodeRawSocket(
  ws: SocketLike,
  limits = SEND_LIMITS,
  counters = sendCounters,
  hold?: () => void,
): RawSocket {
  return {
    send(data) {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > limits.closeBytes) {
        counters.slowCloses += 1;
        ws.close(CloseCode.TooSlow, 'client too slow to read');
        return;
      }
      const audio = typeof data !== 'string';
      if (audio && ws.bufferedAmount > limits.dropAudioBytes) {
        counters.droppedAudioFrames += 1;
        return;
      }
      hold?.();
      // `ws` sends a view as it is, and may still hold it after this call (a socket that is not drained);
      // a copy leaves the replay log free to recycle the block the frame is in (core/byte-blocks.ts).
      ws.send(audio ? Buffer.from(data) : data, { binary: audio });
    },
    close: (code, reason) => ws.close(code, reason),
  };
}

/**
 * Pings every `intervalMs`; a client that has not answered the previous ping by the next one is gone
 * (a dead network path never sends a close) and is terminated, which detaches it from its session.
 */
export function keepAlive(ws: WebSocket, intervalMs: number): void {
  let answered = true;
  ws.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (!answered) {
      ws.terminate();
      return;
    }
    answered = false;
    ws.ping();
  }, intervalMs);
  timer.unref();
  ws.once('close', () => clearInterval(timer));
}
