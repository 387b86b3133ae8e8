/**
 * Request/response over the IPC channel of a forked bench process: the orchestrator calls `cmd(arg)`, the
 * child answers from its handler table. Every child also answers `stats` with its own CPU time and memory,
 * so each process's cost is reported separately (they compete for the same two cores).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';

export interface ProcStats {
  cpuMs: number;
  rss: number;
  /** Heap + ArrayBuffers after a full GC (when the child runs with --expose-gc). */
  liveBytes: number;
  /** The two parts of liveBytes: JS objects, and ArrayBuffer contents (audio, socket buffers). */
  heapUsed: number;
  arrayBuffers: number;
}

type Handler = (arg: unknown) => unknown;

/** How long the process's event loop stalled during a window, and how much of that was garbage collection. */
export interface LoopStats {
  /** Event-loop delay percentiles (ms): how late a 10 ms timer fired. */
  delayP50: number;
  delayP99: number;
  delayMax: number;
  gcCount: number;
  /** Total and longest GC pause (ms). */
  gcMs: number;
  gcMaxMs: number;
  /** Full (mark-compact) collections: how many, and the longest pause (ms). */
  gcMajorCount: number;
  gcMajorMaxMs: number;
}

/** Watches the event loop and GC from the child's start; `reset` begins a window, `read` ends it. */
function loopWatch(): { reset(): void; read(): LoopStats } {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let gc = { count: 0, ms: 0, max: 0, majors: 0, majorMax: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count += 1;
      gc.ms += entry.duration;
      gc.max = Math.max(gc.max, entry.duration);
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        gc.majors += 1;
        gc.majorMax = Math.max(gc.majorMax, entry.duration);
      }
    }
  }).observe({ entryTypes: ['gc'] });
  const ms = (ns: number) => ns / 1e6;
  return {
    reset: () => {
      delay.reset();
      gc = { count: 0, ms: 0, max: 0, majors: 0, majorMax: 0 };
    },
    read: () => ({
      delayP50: ms(delay.percentile(50)),
      delayP99: ms(delay.percentile(99)),
      delayMax: ms(delay.max),
      gcCount: gc.count,
      gcMs: gc.ms,
      gcMaxMs: gc.max,
      gcMajorCount: gc.majors,
      gcMajorMaxMs: gc.majorMax,
    }),
  };
}

function ownStats(arg: unknown): ProcStats {
  const cpu = process.cpuUsage(); // read first: a requested GC happens outside the measured window
  if ((arg as { gc?: boolean } | undefined)?.gc) (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    rss: mem.rss,
    liveBytes: mem.heapUsed + mem.arrayBuffers,
    heapUsed: mem.heapUsed,
    arrayBuffers: mem.arrayBuffers,
  };
}

/** In the child: answers requests until the parent disconnects. */
export function serve(handlers: Record<string, Handler>): void {
  const loop = loopWatch();
  const all: Record<string, Handler> = {
    stats: (arg) => ownStats(arg),
    loopReset: () => loop.reset(),
    loopRead: () => loop.read(),
    /** Writes a heap snapshot into the given folder (BENCH_HEAP): what the process holds, by constructor. */
    heapSnapshot: (arg) => writeHeapSnapshot(`${String(arg)}/${process.pid}.heapsnapshot`),
    ...handlers,
  };
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
