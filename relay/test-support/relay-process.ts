/**
 * The Node relay as a separate process, the way a platform runs it: spawn a command (`node dist/relay/node.mjs`,
 * or the `tsx` path from sources), wait until the URL its banner names answers /healthz, stop it with a signal. Used by
 * the production-build test and the startup bench.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface RelayProcess {
  /** http://127.0.0.1:<port>, from the banner. */
  url: string;
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** Sends `signal` (default SIGTERM) and resolves as `exited` does. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/** The line `relay/node/main.ts` prints once it listens. The process counts as started when /healthz answers. */
const LISTENING = /relay listening on http:\/\/localhost:(\d+)/;

export function spawnRelayProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<RelayProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const port = LISTENING.exec(output)?.[1];
      if (!port) return;
      child.stdout?.off('data', onData);
      child.stdout?.on('data', (more: Buffer) => {
        output += more.toString('utf8');
      });
      const url = `http://127.0.0.1:${port}`;
      // Ready means answering: by the time /healthz answers, main.ts has also installed its signal handlers
      // (they follow the banner in the same tick), so a stop signal is handled rather than fatal.
      void fetch(`${url}/healthz`).then(
        () => resolve(running(url)),
        (error: unknown) => reject(new Error(`relay printed its URL but /healthz failed: ${String(error)}`)),
      );
    };
    const running = (url: string): RelayProcess => ({
      url,
      child,
      output: () => output,
      exited,
      stop: (signal = 'SIGTERM') => {
        child.kill(signal);
        return exited;
      },
    });
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('error', reject);
    void exited.then((code) => reject(new Error(`relay exited (${code}) before listening:\n${output}`)));
  });
}
