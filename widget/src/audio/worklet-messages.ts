/** Messages between the audio worklets and their controllers on the main thread. Types only. */

/** Registered processor names. */
export const CAPTURE_PROCESSOR = 'voice-interview-capture';
export const PLAYBACK_PROCESSOR = 'voice-interview-playback';

export interface CaptureProcessorOptions {
  /** Rate of the PCM16 frames posted to the main thread (the protocol's input rate). */
  targetRate: number;
  /** Samples per posted frame at `targetRate`. */
  frameSamples: number;
}

export type CaptureCommand = { type: 'pause' } | { type: 'resume' } | { type: 'stop' };

/**
 * Bytes the capture worklet leaves free before each frame's PCM: the uplink frame header's size
 * (`AUDIO_FRAME_HEADER_BYTES`, checked where the frames are sent), so a frame goes out without a copy.
 */
export const CAPTURE_HEADER_ROOM_BYTES = 12;

/**
 * A frame of candidate audio: PCM16 at `targetRate` from byte {@link CAPTURE_HEADER_ROOM_BYTES} of `pcm` to its
 * end, with its RMS level (0..1) for the meter.
 */
export interface CaptureFrameMessage {
  type: 'frame';
  pcm: ArrayBuffer;
  level: number;
}

export interface PlaybackProcessorOptions {
  /** Rate of the PCM16 chunks it is given (the protocol's output rate). */
  sourceRate: number;
  /** Audio held back before playing from empty, so bursty chunks play without gaps. */
  jitterMs: number;
  /** Most audio queued; the oldest is dropped beyond it. */
  maxQueuedSeconds: number;
  /** Fade applied on interruption. Shorter than one render quantum. */
  interruptRampSamples: number;
}

export type PlaybackCommand =
  | { type: 'audio'; pcm: ArrayBuffer }
  /** The turn's audio is complete: play what is buffered even if below the jitter threshold. */
  | { type: 'end-of-turn' }
  /** Stop now: ramp down within one render quantum and drop the queue. */
  | { type: 'interrupt' };

export interface PlaybackSpeakingMessage {
  type: 'speaking';
  speaking: boolean;
}
