import { AudioKind, decodeAudioFrame, encodeAudioFrame } from './audio-frame';
import { base64ToBytesCompact, bytesToBase64 } from './base64';
import { MAX_CONTROL_MESSAGE_BYTES, MAX_TEXT_ANSWER_CHARS } from './limits';
import {
  type ClientMessage,
  CONTROL_ACTIONS,
  type ControlAction,
  type SequencedEvent,
  type ServerEvent,
} from './messages';
import { ProtocolError } from './protocol-error';

/**
 * What the relay sends, before it is put on a transport: an event or a chunk of interviewer audio,
 * each with its place in the session's sequence. Both transports encode it here and nowhere else.
 */
export type OutboundFrame =
  | { id: number; event: ServerEvent }
  | {
      id: number;
      audio: Uint8Array;
      /** The same chunk already encoded as its binary frame (audio-frame.ts), when the sender built it once. */
      wire?: Uint8Array;
    };

/** The SSE `event:` name that carries audio; every other SSE event is named after its `type`. */
export const SSE_AUDIO_EVENT = 'audio';

/** WebSocket form: JSON text for events, a binary audio frame for audio. */
export function encodeForWebSocket(frame: OutboundFrame): string | Uint8Array {
  if ('audio' in frame) return frame.wire ?? encodeAudioFrame(AudioKind.Interviewer, frame.id, frame.audio);
  return JSON.stringify({ id: frame.id, ...frame.event });
}

/**
 * SSE form: `{event, data, id}` where data is the same JSON, or the same binary frame in base64.
 * Unsequenced frames (id 0) carry no SSE `id:` so they leave the browser's Last-Event-ID alone.
 */
export function encodeForSse(frame: OutboundFrame): { id?: number; event: string; data: string } {
  const id = frame.id > 0 ? { id: frame.id } : {};
  if ('audio' in frame) {
    const bytes = frame.wire ?? encodeAudioFrame(AudioKind.Interviewer, frame.id, frame.audio);
    return { ...id, event: SSE_AUDIO_EVENT, data: bytesToBase64(bytes) };
  }
  return { ...id, event: frame.event.type, data: JSON.stringify({ id: frame.id, ...frame.event }) };
}

/** What a client gets back from either transport after decoding. */
export type InboundFrame =
  | { kind: 'event'; event: SequencedEvent }
  | { kind: 'audio'; id: number; pcm: Uint8Array };

const SERVER_EVENT_TYPES: ReadonlySet<string> = new Set([
  'ready',
  'heartbeat',
  'transcript',
  'progress',
  'interrupted',
  'turn-complete',
  'notice',
  'continuation-offer',
  'report',
  'ended',
  'error',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Client side: decodes a server event from its JSON text. Throws ProtocolError on anything else. */
export function decodeServerEvent(text: string): SequencedEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ProtocolError('protocol', 'server event is not JSON');
  }
  if (!isRecord(value) || typeof value.type !== 'string' || !SERVER_EVENT_TYPES.has(value.type)) {
    throw new ProtocolError('protocol', 'unknown server event');
  }
  if (typeof value.id !== 'number' || !Number.isInteger(value.id) || value.id < 0) {
    throw new ProtocolError('protocol', 'server event without a valid id');
  }
  return value as unknown as SequencedEvent;
}

/** Client side: decodes a WebSocket message (text event or binary audio frame). */
export function decodeWebSocketMessage(data: string | ArrayBuffer | ArrayBufferView): InboundFrame {
  if (typeof data === 'string') return { kind: 'event', event: decodeServerEvent(data) };
  const frame = decodeAudioFrame(data);
  if (frame.kind !== AudioKind.Interviewer)
    throw new ProtocolError('protocol', 'unexpected audio frame kind');
  return { kind: 'audio', id: frame.seq, pcm: frame.pcm };
}

/** Client side: decodes one SSE message given its event name and data. */
export function decodeSseMessage(event: string, data: string): InboundFrame {
  if (event === SSE_AUDIO_EVENT) {
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytesCompact(data);
    } catch {
      throw new ProtocolError('protocol', 'audio event is not base64');
    }
    return decodeWebSocketMessage(bytes);
  }
  return { kind: 'event', event: decodeServerEvent(data) };
}

export function encodeClientMessage(message: ClientMessage): string {
  return JSON.stringify(message);
}

/** The only fields each client message may carry: anything else (an `instructions`, say) is refused. */
const CLIENT_MESSAGE_FIELDS: Record<string, readonly string[]> = {
  text: ['type', 'text'],
  control: ['type', 'action'],
  end: ['type'],
  'audio-end': ['type'],
  ping: ['type'],
  continue: ['type'],
};

/**
 * Relay side: validates a control message. Throws ProtocolError with a precise reason. A message with a
 * field its type does not define is refused, so a page can never smuggle text to the interviewer.
 */
export function decodeClientMessage(text: string): ClientMessage {
  if (text.length > MAX_CONTROL_MESSAGE_BYTES) {
    throw new ProtocolError('payload-too-large', `control message over ${MAX_CONTROL_MESSAGE_BYTES} bytes`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ProtocolError('protocol', 'control message is not JSON');
  }
  if (!isRecord(value) || typeof value.type !== 'string') {
    throw new ProtocolError('protocol', 'control message needs a string "type"');
  }
  // Own properties only: a "type" of "constructor" or "__proto__" must not find Object.prototype's.
  const allowed = Object.hasOwn(CLIENT_MESSAGE_FIELDS, value.type)
    ? CLIENT_MESSAGE_FIELDS[value.type]
    : undefined;
  const extra = allowed ? Object.keys(value).find((key) => !allowed.includes(key)) : undefined;
  if (extra !== undefined) {
    throw new ProtocolError(
      'protocol',
      `"${value.type}" message has no field "${extra.slice(0, 40)}": pages pick actions, never instructions`,
    );
  }
  switch (value.type) {
    case 'text': {
      const answer = value.text;
      if (typeof answer !== 'string' || answer.trim() === '') {
        throw new ProtocolError('protocol', '"text" message needs a non-empty "text"');
      }
      if (answer.length > MAX_TEXT_ANSWER_CHARS) {
        throw new ProtocolError('payload-too-large', `text answer over ${MAX_TEXT_ANSWER_CHARS} characters`);
      }
      return { type: 'text', text: answer };
    }
    case 'control': {
      const action = value.action;
      if (typeof action !== 'string' || !CONTROL_ACTIONS.includes(action as ControlAction)) {
        throw new ProtocolError(
          'protocol',
          `"control" message needs "action": ${CONTROL_ACTIONS.join(' | ')}`,
        );
      }
      return { type: 'control', action: action as ControlAction };
    }
    case 'end':
    case 'audio-end':
    case 'ping':
    case 'continue':
      return { type: value.type };
    default:
      throw new ProtocolError(
        'protocol',
        `unknown control message type "${String(value.type).slice(0, 40)}"`,
      );
  }
}
