/**
 * Where the widget's main-thread time goes (issue 14), not part of `npm run bench`: the page and the live
 * interview of main-thread.bench.ts, with a Chrome trace (CDP `Tracing`) over the same 8 s window, broken
 * down by what each top-level task on the renderer's main thread ran: message events (from the capture or
 * playback worklet's port, or the WebSocket), timers, animation frames, style/layout/paint, and the rest.
 * Also the JS self time by function from a sampled CPU profile taken in the same window.
 * Run: `flock /tmp/heavy.lock npx tsx widget/bench/main-thread.profile.ts`.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, chromiumArgs } from '../test/harness/chromium';
import { delayedSpeechWav } from '../test/harness/delayed-speech-wav';
import { startHarness, stopAllHarnesses } from '../test/harness/relay-harness';
import { bundlePageScript, servePage } from './element-page';

const SETTLE_MS = 1_000;
const WINDOW_MS = 8_000;
const QUESTION =
  'Hi, I am Maya and I will be your interviewer today. Thanks for making the time. To start, please tell me ' +
  'about a recent project you are proud of, what your role was, what was hard about it, how you measured that ' +
  'it worked, and what you would do differently next time if you could start again.';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown>; src_file?: string; src_func?: string };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

const CATEGORIES = [
  'toplevel',
  'toplevel.flow',
  'disabled-by-default-toplevel.flow',
  'mojom',
  'scheduler',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
];

const page = await servePage(
  await bundlePageScript(new URL('./main-thread.page.ts', import.meta.url).pathname),
);
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: chromiumArgs(delayedSpeechWav(20)),
});
try {
  const harness = await startHarness({ script: [{ interviewer: QUESTION }, { interviewer: 'Go on.' }] });
  const context = await browser.newContext();
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await tab.goto(page.url);
  await tab.waitForFunction('"mainThread" in window');
  await tab.evaluate(`window.mainThread.mount(${JSON.stringify(harness.relayUrl)})`);
  await tab.click('voice-interview >> button.start');
  await tab.waitForFunction('window.mainThread.state() === "live"', undefined, { timeout: 20_000 });
  await tab.waitForTimeout(SETTLE_MS);

  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (message) => {
    events.push(...(message.value as unknown as TraceEvent[]));
  });
  const traced = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Tracing.start', { categories: CATEGORIES.join(','), transferMode: 'ReportEvents' });
  await cdp.send('Profiler.start');
  await tab.waitForTimeout(WINDOW_MS);
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  await cdp.send('Tracing.end');
  await traced;
  if ((await tab.evaluate('window.mainThread.state()')) !== 'live')
    throw new Error('not live the whole window');
  await context.close();

  const mainTid = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!mainTid) throw new Error('no renderer main thread in the trace');
  const main = events
    .filter((e) => e.pid === mainTid.pid && e.tid === mainTid.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const start = Math.min(...main.map((e) => e.ts));
  const end = Math.max(...main.map((e) => e.ts + (e.dur ?? 0)));
  const seconds = (end - start) / 1e6;

  // Top-level tasks and, inside each, the first event that says what it was.
  const tasks: TraceEvent[] = [];
  for (const e of main) {
    if (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask') continue;
    const last = tasks[tasks.length - 1];
    if (last && e.ts < last.ts + (last.dur ?? 0)) continue; // nested in the previous top-level task
    tasks.push(e);
  }
  const byKind = new Map<string, { ms: number; count: number }>();
  const add = (kind: string, us: number) => {
    const entry = byKind.get(kind) ?? { ms: 0, count: 0 };
    entry.ms += us / 1000;
    entry.count++;
    byKind.set(kind, entry);
  };
  let cursor = 0;
  for (const task of tasks) {
    const taskEnd = task.ts + (task.dur ?? 0);
    while (cursor < main.length && (main[cursor]?.ts ?? 0) < task.ts) cursor++;
    const inside: TraceEvent[] = [];
    for (let i = cursor; i < main.length && (main[i]?.ts ?? 0) < taskEnd; i++) {
      const e = main[i] as TraceEvent;
      if (e !== task && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') inside.push(e);
    }
    const from = task.args;
    const posted = from?.src_func ? ` [${from.src_file?.split('/').pop()}:${from.src_func}]` : '';
    add(`${classify(inside)}${posted}`, task.dur ?? 0);
  }
  const total = tasks.reduce((sum, t) => sum + (t.dur ?? 0), 0) / 1000;
  const rows = [...byKind].sort((a, b) => b[1].ms - a[1].ms);
  const out = [`Trace: ${seconds.toFixed(2)} s, top-level tasks ${(total / seconds).toFixed(2)} ms/s`];
  for (const [kind, { ms, count }] of rows)
    out.push(
      `  ${kind.padEnd(90)} ${(ms / seconds).toFixed(2).padStart(6)} ms/s  ${(count / seconds).toFixed(1).padStart(6)}/s  ${((ms * 1000) / count).toFixed(0).padStart(5)} µs each`,
    );

  // JS self time by function (sampled).
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byNode.get(profile.samples[i] as number);
    const frame = node?.callFrame;
    const name = frame
      ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`
      : '?';
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  const profiled = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1e6 || seconds;
  out.push(`CPU profile self time (top 25, ms/s over ${profiled.toFixed(2)} s):`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    out.push(`  ${(ms / profiled).toFixed(2).padStart(6)}  ${name}`);
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  await browser.close();
  page.close();
  await stopAllHarnesses();
}

/** What a top-level task was, from the events inside it. */
function classify(inside: TraceEvent[]): string {
  for (const e of inside) {
    const data = e.args?.data ?? {};
    if (e.name === 'EventDispatch') return `event ${String(data.type)}`;
    if (e.name === 'TimerFire') return 'timer';
    if (e.name === 'FireAnimationFrame') return 'animation frame';
    if (e.name === 'WebSocketReceiveHandshakeResponse' || e.name.startsWith('WebSocket')) return e.name;
    if (e.name === 'FunctionCall') {
      const fn = String(data.functionName ?? '') || '(anonymous)';
      return `function ${fn} :${String(data.lineNumber ?? '?')}`;
    }
    if (e.name === 'RunMicrotasks') return 'microtasks';
  }
  const names = new Set(inside.map((e) => e.name));
  for (const name of [
    'UpdateLayoutTree',
    'Layout',
    'PrePaint',
    'Paint',
    'Layerize',
    'Commit',
    'BeginMainThreadFrame',
  ])
    if (names.has(name)) return `rendering (${name} first)`;
  const first = inside[0];
  return first ? `other: ${first.name}` : 'empty task';
}
