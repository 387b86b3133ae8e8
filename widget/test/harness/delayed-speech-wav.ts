/**
 * A fake-microphone file for Chromium: the committed speech fixture after `silenceSeconds` of silence, so an
 * interviewer's first question plays out before the candidate speaks (screenshots, benches).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURE = new URL('../fixtures/candidate-speech-48k.wav', import.meta.url);

/** Writes a PCM16 mono WAV (44-byte header, then zeros, then the fixture's samples); returns its path. */
export function delayedSpeechWav(silenceSeconds: number): string {
  const wav = readFileSync(FIXTURE);
  const rate = wav.readUInt32LE(24);
  const data = wav.subarray(wav.indexOf('data') + 8);
  const silence = Buffer.alloc(Math.round(rate * silenceSeconds) * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + silence.length + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(silence.length + data.length, 40);
  const path = join(mkdtempSync(join(tmpdir(), 'vi-mic-')), 'delayed-speech.wav');
  writeFileSync(path, Buffer.concat([header, silence, data]));
  return path;
}
