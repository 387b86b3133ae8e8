/** Child processes for the engine suites: spawned with their own output captured, always stopped by pid. */
import { type ChildProcess, spawn } from 'node:child_process';

export interface Managed {
  readonly child: ChildProcess;
  /** Everything the process wrote (stdout + stderr), for diagnostics when something fails. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  readonly exited: Promise<number | null>;
}

export function startProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  options: { stdout?: 'capture' | 'ignore' } = {},
): Managed {
  const child = spawn(command, args, {
    env,
    stdio: ['ignore', options.stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => {
      output += `\n${String(error)}`;
      resolve(null);
    });
  });
  return {
    child,
    exited,
    output: () => output,
    async stop(graceMs = 3000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function runProcess(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const managed = startProcess(command, args, env);
  const code = await managed.exited;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}: ${managed.output().trim()}`);
  return managed.output();
}

/** Polls `condition` until it holds; rejects with `message` after `timeoutMs`. */
export async function until(
  condition: () => Promise<boolean> | boolean,
  message: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
