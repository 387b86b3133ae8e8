/** Size and rate limits shared by the relay and the widget. Documented in docs/protocol.md. */

/** Candidate audio: PCM16 mono little-endian at this rate. */
export const INPUT_SAMPLE_RATE = 16_000;
/** Interviewer audio: PCM16 mono little-endian at this rate. */
export const OUTPUT_SAMPLE_RATE = 24_000;

/** Largest PCM payload in one audio frame (1 s of 24 kHz PCM16). */
export const MAX_AUDIO_PAYLOAD_BYTES = 48_000;
/** Largest JSON text frame / control message body accepted from a client. */
export const MAX_CONTROL_MESSAGE_BYTES = 8 * 1024;
/** Largest typed answer, in characters. */
export const MAX_TEXT_ANSWER_CHARS = 2_000;
/** Largest POST /audio body: a batch of frames. */
export const MAX_AUDIO_BATCH_BYTES = 256 * 1024;
/** Largest POST /v1/sessions body. */
export const MAX_CREATE_BODY_BYTES = 4 * 1024;
/** Largest value of one template variable, in characters. */
export const MAX_VARIABLE_CHARS = 80;
/** Audio sequence numbers more than this far past the last accepted one are refused (60 s of 20 ms frames, 120 s of the widget's 40 ms). */
export const MAX_AUDIO_SEQ_AHEAD = 3_000;
