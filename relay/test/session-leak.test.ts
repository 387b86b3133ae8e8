/**
 * Leak test: 1 000 sequential interviews through the Node relay leave its heap within 10 % of the baseline
 * taken after a warm-up, measured after GC in a child process (`--expose-gc`) that holds only the relay.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startFakeGemini } from '../fake-gemini/index';
import { CANARY_KEY } from '../test-support/node-stack';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fake = await startFakeGemini({
  requireApiKey: CANARY_KEY,
  retainHistory: false,
  // Short lines in few chunks: the test is about what each session leaves behind, not about audio volume.
  chunkMs: 500,
  script: [{ interviewer: 'Hello.' }, { interviewer: 'Thank you.' }],
});
after(() => fake.close());

function runLeakChild(): Promise<{ baseline: number; after: number; sessions: number; elapsedMs: number }> {
  return new Promise((resolve, reject) => {
    // --no-opt: TurboFan's optimized code and deopt data keep growing for thousands of calls and count as
    // heapUsed though they are no session's state (a heap snapshot diff showed ~1.7 MB of `code` and ~100 KB
    // of data over 1 000 sessions). Without it the figure measures the JIT's warm-up, not what sessions retain.
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--no-opt', '--import', 'tsx', 'relay/test-support/leak-run.ts'],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', FAKE_URL: fake.baseUrl, SESSIONS: '1000', WARMUP: '50' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`leak run exited ${code}:\n${err}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}'));
    });
  });
}

it('1 000 sequential sessions leave the relay heap within 10 % of its baseline after GC', async (t) => {
  const result = await runLeakChild();
  t.diagnostic(
    `heapUsed ${result.baseline} → ${result.after} bytes, ${Math.round(result.elapsedMs)} ms for ${result.sessions} sessions`,
  );
  assert.equal(result.sessions, 1000);
  const growth = (result.after - result.baseline) / result.baseline;
  assert.ok(
    growth <= 0.1,
    `heap grew ${(growth * 100).toFixed(1)} % (${result.baseline} → ${result.after} bytes) over ${result.sessions} sessions`,
  );
});
