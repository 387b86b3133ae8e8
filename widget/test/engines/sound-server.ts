/**
 * A private PulseAudio server for one engine run: two null sinks, `speaker` (the default output: what the
 * page plays can be recorded from `speaker.monitor`) and `micfeed`, whose monitor is remapped as the default
 * source `mic` (a WAV played into `micfeed` is what the page's microphone hears). It lives in its own
 * XDG_RUNTIME_DIR (mode 700), so it never meets a user's sound server or another run's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Managed, runProcess, startProcess, until } from './processes';
import { readWav } from './wav';

/** Silence the microphone feed plays before the speech (see `speak`). */
export const LEAD_IN_MS = 1000;
/** How much audio every PulseAudio client buffers (see `env`). */
const PULSE_LATENCY_MS = Number(process.env.ENGINE_PULSE_LATENCY_MS ?? 100);

export interface SoundServer {
  /** Environment for every client (browsers, pactl, paplay, parecord). */
  readonly env: NodeJS.ProcessEnv;
  /**
   * Plays a WAV into the microphone after `LEAD_IN_MS` of silence; resolves when it has been played out.
   * A real microphone is a stream that is already running when the candidate starts talking; a feed that
   * connected at the first word would put its own start-up (the sink rewinding for the new stream, the
   * player's first buffers arriving late under load) into the speech.
   */
  speak(wavPath: string): Promise<void>;
  /** Records `speaker.monitor` as raw s16le mono at `rate` until `stop()`, which returns the samples. */
  record(rate: number): { stop(): Promise<Int16Array> };
  close(): Promise<void>;
}

export async function startSoundServer(): Promise<SoundServer> {
  const runtimeDir = mkdtempSync(path.join(tmpdir(), 'vi-pulse-'));
  const socket = path.join(runtimeDir, 'native');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_RUNTIME_DIR: runtimeDir,
    HOME: runtimeDir,
    PULSE_SERVER: `unix:${socket}`,
    PULSE_RUNTIME_PATH: runtimeDir,
    PULSE_STATE_PATH: runtimeDir,
    // Every client's buffers (the browser's record and playback streams too) hold this much: the suites
    // share a small, loaded machine where an audio thread without realtime priority can be held off the CPU
    // for tens of milliseconds, which with the browsers' low-latency requests (~10-20 ms) drops or repeats
    // samples. A candidate's own machine is not at a load of 2.5 per core with the browser niced.
    PULSE_LATENCY_MSEC: String(PULSE_LATENCY_MS),
  };
  const daemon = startProcess(
    'pulseaudio',
    [
      '--daemonize=no',
      '-n',
      '--exit-idle-time=-1',
      '--use-pid-file=no',
      '--disable-shm=yes',
      `--load=module-native-protocol-unix socket=${socket} auth-anonymous=1`,
      '--load=module-null-sink sink_name=speaker rate=44100',
      '--load=module-null-sink sink_name=micfeed rate=44100',
      '--load=module-remap-source master=micfeed.monitor source_name=mic',
    ],
    env,
  );
  const players = new Set<Managed>();
  const close = async () => {
    await Promise.all([...players].map((player) => player.stop()));
    await daemon.stop();
    rmSync(runtimeDir, { recursive: true, force: true });
  };
  try {
    await until(
      async () => {
        if (daemon.child.exitCode !== null) throw new Error(`pulseaudio exited: ${daemon.output().trim()}`);
        return runProcess('pactl', ['info'], env).then(
          () => true,
          () => false,
        );
      },
      'the PulseAudio server',
      15_000,
    );
    await runProcess('pactl', ['set-default-sink', 'speaker'], env);
    await runProcess('pactl', ['set-default-source', 'mic'], env);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    env,
    async speak(wavPath) {
      const wav = readWav(wavPath);
      const lead = new Int16Array(Math.round((wav.rate * LEAD_IN_MS) / 1000) * wav.channels);
      const raw = path.join(runtimeDir, `feed-${players.size}.raw`);
      writeFileSync(raw, Buffer.concat([Buffer.from(lead.buffer), Buffer.from(wav.samples.buffer)]));
      const format = ['--raw', '--format=s16le', `--rate=${wav.rate}`, `--channels=${wav.channels}`];
      const player = startProcess('paplay', ['-d', 'micfeed', ...format, raw], env);
      players.add(player);
      const code = await player.exited;
      players.delete(player);
      if (code !== 0) throw new Error(`paplay failed: ${player.output().trim()}`);
    },
    record(rate) {
      const chunks: Buffer[] = [];
      const recorder = startProcess(
        'parecord',
        [
          '-d',
          'speaker.monitor',
          '--raw',
          '--format=s16le',
          '--channels=1',
          `--rate=${rate}`,
          '--latency-msec=20',
        ],
        env,
      );
      players.add(recorder);
      recorder.child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
      return {
        async stop() {
          await recorder.stop();
          players.delete(recorder);
          const bytes = Buffer.concat(chunks);
          return new Int16Array(
            bytes.buffer.slice(
              bytes.byteOffset,
              bytes.byteOffset + bytes.byteLength - (bytes.byteLength % 2),
            ),
          );
        },
      };
    },
    close,
  };
}
