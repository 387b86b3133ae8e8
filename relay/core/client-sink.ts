import type { OutboundFrame } from '../protocol/codec';

/**
 * Where a session's frames go: one attached client connection (a WebSocket or an SSE stream).
 * Adapters implement it; the session never knows which transport it is talking to.
 */
export interface ClientSink {
  readonly transport: 'websocket' | 'sse';
  send(frame: OutboundFrame): void;
  close(code: number, reason: string): void;
}
