/** Option defaults for both modes, in one place. */
import type { FakeGeminiOptions } from './types';

export interface ResolvedOptions {
  host: string;
  port: number;
  mode: 'scripted' | 'simulator';
  script: FakeGeminiOptions['script'];
  requireApiKey: string | undefined;
  rejectUpgradesWith: number | undefined;
  connectionLifetimeMs: number | undefined;
  goAwayLeadMs: number;
  hangSetup: (connectionId: number) => boolean;
  /** Undefined: the setup's `silenceDurationMs`, else {@link DEFAULT_END_OF_SPEECH_SILENCE_MS}. */
  endOfSpeechSilenceMs: number | undefined;
  audioPace: number;
  interruptibleUntil: 'played' | 'generated';
  chunkMs: number;
  responseDelayMs: number;
  interviewsPath: string | undefined;
  clipsDir: string | undefined;
  retainHistory: boolean;
  /** Consumed front to back by REST generateContent. */
  generateContent: NonNullable<FakeGeminiOptions['generateContent']>;
  log: (entry: Record<string, unknown>) => void;
  onClientFrame: FakeGeminiOptions['onClientFrame'];
}

/** The energy VAD's end-of-speech silence when neither the options nor the setup name one. */
export const DEFAULT_END_OF_SPEECH_SILENCE_MS = 800;

export function resolveOptions(o: FakeGeminiOptions = {}): ResolvedOptions {
  const mode = o.mode ?? 'scripted';
  const simulator = mode === 'simulator';
  const lifetime = o.connectionLifetimeMs;
  return {
    host: o.host ?? '127.0.0.1',
    port: o.port ?? 0,
    mode,
    script: o.script,
    requireApiKey: o.requireApiKey,
    rejectUpgradesWith: o.rejectUpgradesWith,
    connectionLifetimeMs: lifetime,
    goAwayLeadMs: o.goAwayLeadMs ?? (lifetime === undefined ? 60_000 : Math.min(60_000, lifetime / 2)),
    hangSetup: o.hangSetup ?? (() => false),
    endOfSpeechSilenceMs: o.endOfSpeechSilenceMs,
    audioPace: o.audioPace ?? (simulator ? 1 : 0),
    interruptibleUntil: o.interruptibleUntil ?? 'played',
    chunkMs: o.chunkMs ?? 40,
    responseDelayMs: o.responseDelayMs ?? (simulator ? 350 : 0),
    interviewsPath: o.interviewsPath,
    clipsDir: o.clipsDir,
    retainHistory: o.retainHistory ?? true,
    generateContent: [...(o.generateContent ?? [])],
    log: o.log ?? (() => {}),
    onClientFrame: o.onClientFrame,
  };
}

/** Formats milliseconds as a proto Duration string: 50000 → "50s", 12500 → "12.5s". */
export function protoDuration(ms: number): string {
  return `${Number((Math.max(0, ms) / 1000).toFixed(3))}s`;
}
