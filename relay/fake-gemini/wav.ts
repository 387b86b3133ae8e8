/**
 * Minimal RIFF/WAVE reader for the committed interviewer clips: walks the chunk list (so LIST/fact chunks
 * before `data` are skipped, and odd-sized chunks are padded), and accepts only PCM16 mono.
 */

export interface WavPcm {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** The raw `data` chunk: PCM16 little-endian samples. */
  data: Uint8Array;
}

export function parseWav(bytes: Uint8Array): WavPcm {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE')
    throw new Error('not a RIFF/WAVE file');
  let fmt: Omit<WavPcm, 'data'> | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(offset);
    const declared = view.getUint32(offset + 4, true);
    const body = offset + 8;
    // sox/espeak write 0xFFFFFFFF or an overlong size when streaming; clamp to what is really there.
    const size = Math.min(declared, bytes.byteLength - body);
    if (id === 'fmt ') {
      const format = view.getUint16(body, true);
      const extensible = format === 0xfffe;
      if (format !== 1 && !extensible) throw new Error(`unsupported WAV format ${format} (want PCM)`);
      fmt = {
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV data chunk before fmt chunk');
      if (fmt.bitsPerSample !== 16 || fmt.channels !== 1) {
        throw new Error(
          `unsupported WAV layout: ${fmt.channels} ch, ${fmt.bitsPerSample} bit (want mono PCM16)`,
        );
      }
      return { ...fmt, data: bytes.slice(body, body + size - (size % 2)) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}
