import { encodeForSse, type OutboundFrame } from '../protocol/codec';
import { formatSseComment, formatSseEvent, formatSseRetry } from '../protocol/sse';
import { type ClientSink, DOWNLINK_SEND_LIMITS, type DownlinkSendLimits } from './client-sink';
import type { InterviewSession } from './interview-session';

/** What an SSE downlink needs of its session. */
export type SseSession = Pick<InterviewSession, 'attach' | 'detach'> & {
  /** Told of interviewer audio dropped toward this slow reader. */
  audioDropped?(bytes: number): void;
};

/** A comment line this often keeps proxies and idle timers from closing a quiet stream. */
export const SSE_HEARTBEAT_MS = 15_000;
/** Suggested EventSource reconnect delay, sent first on every stream. */
export const SSE_RETRY_MS = 1_000;

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
} as const;

/** The SSE downlink of a session: a streamed Response whose body is fed by the session as a ClientSink. */
export function openSseStream(
  session: SseSession,
  lastEventId: number,
  /** The stream's byte-counted queue is what the shared bounds apply to; past the second it errors. */
  limits: DownlinkSendLimits = DOWNLINK_SEND_LIMITS,
): Response {
  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let sink: ClientSink | undefined;
  let open = true;

  const shutdown = (): void => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    if (sink) session.detach(sink);
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        /** Bytes queued and not yet taken by the reader (the strategy counts bytes, high-water mark 0). */
        const queued = (): number => -(controller.desiredSize ?? 0);
        const write = (text: string): void => {
          if (!open) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            shutdown();
          }
        };
        const send = (frame: OutboundFrame): void => {
          if (!open) return;
          if (queued() > limits.closeBytes) {
            shutdown();
            controller.error(new Error('SSE client too slow to read'));
            return;
          }
          if ('audio' in frame && queued() > limits.dropAudioBytes) {
            session.audioDropped?.(frame.audio.byteLength);
            return;
          }
          write(formatSseEvent(encodeForSse(frame)));
        };
        sink = {
          transport: 'sse',
          send,
          close: () => {
            shutdown();
            try {
              controller.close();
            } catch {
              // already closed by the client
            }
          },
        };
        write(formatSseRetry(SSE_RETRY_MS));
        heartbeat = setInterval(() => write(formatSseComment('heartbeat')), SSE_HEARTBEAT_MS);
        session.attach(sink, lastEventId);
      },
      cancel() {
        shutdown();
      },
    },
    { highWaterMark: 0, size: (chunk: Uint8Array) => chunk.byteLength },
  );
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
