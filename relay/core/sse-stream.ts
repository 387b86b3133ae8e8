import { encodeForSse, type OutboundFrame } from '../protocol/codec';
import { formatSseComment, formatSseEvent, formatSseRetry } from '../protocol/sse';
import type { ClientSink } from './client-sink';
import type { InterviewSession } from './interview-session';

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
export function openSseStream(session: InterviewSession, lastEventId: number): Response {
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

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string): void => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          shutdown();
        }
      };
      sink = {
        transport: 'sse',
        send: (frame: OutboundFrame) => write(formatSseEvent(encodeForSse(frame))),
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
  });
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
