import { MAX_AUDIO_PAYLOAD_BYTES } from './limits';
import { ProtocolError } from './protocol-error';

/**
 * Binary audio frame, the same on both transports and in both directions:
 *
 *   offset 0  u8   kind     1 = candidate audio (PCM16 16 kHz), 2 = interviewer audio (PCM16 24 kHz)
 *   offset 1  u8   version  1
 *   offset 2  u16  reserved 0
 *   offset 4  u32  seq      little-endian; uplink: the client's frame counter, downlink: the event id
 *   offset 8  u32  length   payload bytes, little-endian, even
 *   offset 12 ...  payload  PCM16 mono little-endian
 *
 * The 12-byte header keeps the payload 2-byte aligned so it can be viewed as an Int16Array in place.
 */
export const AUDIO_FRAME_HEADER_BYTES = 12;
export const AUDIO_FRAME_VERSION = 1;

export const AudioKind = { Candidate: 1, Interviewer: 2 } as const;
export type AudioKind = (typeof AudioKind)[keyof typeof AudioKind];

export interface AudioFrame {
  kind: AudioKind;
  seq: number;
  /** PCM16 little-endian bytes; a view into the frame, not a copy. */
  pcm: Uint8Array;
}

export function encodeAudioFrame(kind: AudioKind, seq: number, pcm: Uint8Array): Uint8Array {
  const out = new Uint8Array(AUDIO_FRAME_HEADER_BYTES + pcm.byteLength);
  writeAudioFrame(out, kind, seq, pcm);
  return out;
}

/**
 * Writes one frame into `out`, which must be exactly {@link AUDIO_FRAME_HEADER_BYTES} + the payload long
 * (a view into a larger buffer is fine: the relay packs its replay audio into shared blocks).
 */
export function writeAudioFrame(out: Uint8Array, kind: AudioKind, seq: number, pcm: Uint8Array): void {
  writeHeader(out, kind, seq, pcm.byteLength);
  out.set(pcm, AUDIO_FRAME_HEADER_BYTES);
}

/**
 * The frame around `pcm` without a copy, when `pcm` is the tail of its own buffer right after
 * {@link AUDIO_FRAME_HEADER_BYTES} of room (the widget's capture worklet posts its frames so): writes the
 * header into the room and returns the whole buffer. `undefined` for any other view (encode it instead).
 */
export function frameAroundPayload(kind: AudioKind, seq: number, pcm: Uint8Array): Uint8Array | undefined {
  if (pcm.byteOffset !== AUDIO_FRAME_HEADER_BYTES) return undefined;
  if (pcm.buffer.byteLength !== AUDIO_FRAME_HEADER_BYTES + pcm.byteLength) return undefined;
  const out = new Uint8Array(pcm.buffer);
  writeHeader(out, kind, seq, pcm.byteLength);
  return out;
}

function writeHeader(out: Uint8Array, kind: AudioKind, seq: number, length: number): void {
  if (length % 2 !== 0) throw new ProtocolError('protocol', 'PCM16 payload must have an even length');
  if (length > MAX_AUDIO_PAYLOAD_BYTES) {
    throw new ProtocolError('payload-too-large', `audio frame payload over ${MAX_AUDIO_PAYLOAD_BYTES} bytes`);
  }
  if (out.byteLength !== AUDIO_FRAME_HEADER_BYTES + length)
    throw new RangeError('frame buffer of the wrong size');
  out[0] = kind;
  out[1] = AUDIO_FRAME_VERSION;
  out[2] = 0;
  out[3] = 0;
  const s = seq >>> 0;
  out[4] = s & 255;
  out[5] = (s >>> 8) & 255;
  out[6] = (s >>> 16) & 255;
  out[7] = s >>> 24;
  out[8] = length & 255;
  out[9] = (length >>> 8) & 255;
  out[10] = (length >>> 16) & 255;
  out[11] = length >>> 24;
}

function asBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  return data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Decodes one frame at `offset`; returns it with the offset just past it. Throws ProtocolError. */
export function readAudioFrame(
  data: ArrayBuffer | ArrayBufferView,
  offset = 0,
): { frame: AudioFrame; next: number } {
  const bytes = asBytes(data);
  if (bytes.byteLength - offset < AUDIO_FRAME_HEADER_BYTES) {
    throw new ProtocolError('protocol', 'audio frame shorter than its 12-byte header');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, AUDIO_FRAME_HEADER_BYTES);
  const kind = view.getUint8(0);
  if (kind !== AudioKind.Candidate && kind !== AudioKind.Interviewer) {
    throw new ProtocolError('protocol', `unknown audio frame kind ${kind}`);
  }
  if (view.getUint8(1) !== AUDIO_FRAME_VERSION)
    throw new ProtocolError('protocol', 'unsupported audio frame version');
  const seq = view.getUint32(4, true);
  const length = view.getUint32(8, true);
  if (length % 2 !== 0) throw new ProtocolError('protocol', 'PCM16 payload must have an even length');
  if (length > MAX_AUDIO_PAYLOAD_BYTES) {
    throw new ProtocolError('payload-too-large', `audio frame payload over ${MAX_AUDIO_PAYLOAD_BYTES} bytes`);
  }
  const start = offset + AUDIO_FRAME_HEADER_BYTES;
  if (bytes.byteLength - start < length) throw new ProtocolError('protocol', 'audio frame truncated');
  return { frame: { kind, seq, pcm: bytes.subarray(start, start + length) }, next: start + length };
}

/** Decodes exactly one frame (a WebSocket binary message). */
export function decodeAudioFrame(data: ArrayBuffer | ArrayBufferView): AudioFrame {
  const { frame, next } = readAudioFrame(data);
  if (next !== asBytes(data).byteLength)
    throw new ProtocolError('protocol', 'trailing bytes after audio frame');
  return frame;
}

/** Decodes a batch of back-to-back frames (a POST /audio body). */
export function decodeAudioBatch(data: ArrayBuffer | ArrayBufferView): AudioFrame[] {
  const bytes = asBytes(data);
  const frames: AudioFrame[] = [];
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { frame, next } = readAudioFrame(bytes, offset);
    frames.push(frame);
    offset = next;
  }
  return frames;
}
