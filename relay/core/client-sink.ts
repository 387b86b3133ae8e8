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

/**
 * Bounds on what waits toward one client that does not read, on either downlink. Interviewer audio is
 * 48 KB a second: past `dropAudioBytes` new audio is dropped (events still go, so the transcript and turn
 * ends arrive); past `closeBytes` the downlink is ended and the client resumes from its cursor.
 */
export const DOWNLINK_SEND_LIMITS = { dropAudioBytes: 256 * 1024, closeBytes: 1024 * 1024 } as const;
export type DownlinkSendLimits = { dropAudioBytes: number; closeBytes: number };
