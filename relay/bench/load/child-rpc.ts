/**
 * Request/response over the IPC channel of a forked bench process: the orchestrator calls `cmd(arg)`, the
 * child answers from its handler table. Every child also answers `stats` with its own CPU time and memory,
 * so each process's cost is reported separately (they compete for the same two cores).
 */
import { type ChildProcess, fork } from 'node:child_process';

export interface ProcStats {
  cpuMs: number;
  rss: number;
  /** Heap + ArrayBuffers after a full GC (when the child runs with --expose-gc). */
  liveBytes: number;
}

type Handler = (arg: unknown) => unknown;

function ownStats(arg: unknown): ProcStats {
  const cpu = process.cpuUsage(); // read first: a requested GC happens outside the measured window
  if ((arg as { gc?: boolean } | undefined)?.gc) (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  return { cpuMs: (cpu.user + cpu.system) / 1000, rss: mem.rss, liveBytes: mem.heapUsed + mem.arrayBuffers };
}

/** In the child: answers requests until the parent disconnects. */
export function serve(handlers: Record<string, Handler>): void {
  const all: Record<string, Handler> = { stats: (arg) => ownStats(arg), ...handlers };
  process.on('message', (msg: { id: number; cmd: string; arg: unknown }) => {
    const handler = all[msg.cmd];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${msg.cmd}`);
        return handler(msg.arg);
      })
      .then(
        (value) => process.send?.({ id: msg.id, ok: true, value }),
        (error: unknown) =>
          process.send?.({
            id: msg.id,
            ok: false,
            error: error instanceof Error ? error.message : String(error),
          }),
      );
  });
  // A normal exit either way (a --cpu-prof profile is only written on one).
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
}

export interface BenchChild {
  name: string;
  child: ChildProcess;
  call<T>(cmd: string, arg?: unknown): Promise<T>;
  /** What the child answered to `hello`. */
  info: unknown;
  stats(gc?: boolean): Promise<ProcStats>;
  stop(): void;
}

/** In the parent: forks `file` through tsx, waits for its `hello`, returns a typed caller. */
export async function spawnChild(
  name: string,
  file: string,
  args: string[] = [],
  extraExecArgv: string[] = [],
): Promise<BenchChild> {
  const child = fork(file, args, {
    execArgv: ['--import', 'tsx', '--expose-gc', ...extraExecArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (msg: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new Error(`${name}: ${msg.error}`));
  });
  child.once('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`${name} exited (${code})`));
    pending.clear();
  });
  const call = <T>(cmd: string, arg?: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, cmd, arg });
    });
  const info = await call('hello');
  return {
    name,
    child,
    info,
    call,
    stats: (gc = false) => call<ProcStats>('stats', { gc }),
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}
