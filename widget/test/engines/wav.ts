/** The few WAV facts the engine suites need: 16-bit PCM samples and their rate and channel count. */
import { readFileSync } from 'node:fs';

export interface Pcm16Wav {
  rate: number;
  channels: number;
  samples: Int16Array;
}

export function readWav(file: string): Pcm16Wav {
  const bytes = readFileSync(file);
  let rate = 0;
  let channels = 0;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      channels = bytes.readUInt16LE(offset + 10);
      rate = bytes.readUInt32LE(offset + 12);
      const bits = bytes.readUInt16LE(offset + 22);
      if (bits !== 16) throw new Error(`${file} is ${bits}-bit, not 16-bit PCM`);
    }
    if (id === 'data') {
      if (!rate) throw new Error(`${file} has no fmt chunk before its data`);
      const start = bytes.byteOffset + offset + 8;
      return { rate, channels, samples: new Int16Array(bytes.buffer.slice(start, start + size)) };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${file} has no data chunk`);
}
