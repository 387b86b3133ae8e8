/**
 * relay/Dockerfile cannot be built here (no container runtime), so these checks keep it in step with what is
 * tested: it builds with the package.json scripts that exist, copies the folder `npm run build:relay` writes,
 * runs the entry `npm run start:relay` runs (the one relay/test/production-build.test.ts drives), as a
 * non-root user, with SIGTERM reaching node, a health check on /healthz, PORT honoured and no secret inside.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { NODE_RELAY_DIR, NODE_RELAY_ENTRY } from '../node-tools/build-node-relay';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${repoRoot}${path}`, 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  engines: { node: string };
};

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions with their continuation lines joined; comments and blank lines dropped. */
function parseDockerfile(text: string): Instruction[][] {
  const stages: Instruction[][] = [];
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

const stages = parseDockerfile(read('relay/Dockerfile'));
const [buildStage = [], runStage = []] = stages;
const all = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword);
const last = (stage: Instruction[], keyword: string) => all(stage, keyword).at(-1);
const workdir = (stage: Instruction[]) => last(stage, 'WORKDIR')?.args ?? '/';
/** `node` as PID 1 only if CMD is the exec (JSON) form: the shell form runs `/bin/sh -c`, which swallows SIGTERM. */
const execForm = (args: string | undefined): string[] => JSON.parse(args ?? 'null') as string[];

it('has a build stage and a run stage', () => {
  assert.equal(stages.length, 2);
  assert.match(buildStage[0]?.args ?? '', /\sAS\s+build$/i);
});

it('builds with package.json scripts that exist, the relay with build:relay', () => {
  const runs = all(buildStage, 'RUN').map((i) => i.args);
  assert.ok(runs.length > 0);
  const scripts = runs.flatMap((run) => [...run.matchAll(/npm run (\S+)/g)].map((m) => m[1] ?? ''));
  assert.ok(scripts.includes('build'), 'the widget is built');
  assert.ok(scripts.includes('build:relay'), 'the relay is bundled');
  for (const name of scripts) assert.ok(pkg.scripts[name], `package.json has "${name}"`);
  const tool =
    /tsx (\S+)/.exec(pkg.scripts['build:relay'] ?? '')?.[1] ?? assert.fail('build:relay runs a file');
  assert.ok(existsSync(`${repoRoot}${tool}`), `${tool} exists`);
});

it('copies only paths that exist from the build context', () => {
  const copies = all(buildStage, 'COPY').filter((i) => !i.args.startsWith('--from'));
  assert.ok(copies.length > 0);
  for (const copy of copies) {
    const sources = copy.args.split(/\s+/).slice(0, -1);
    for (const source of sources) assert.ok(existsSync(`${repoRoot}${source}`), `${source} exists`);
  }
});

it('runs the entry npm run start:relay runs, from the folder build:relay writes', () => {
  assert.equal(pkg.scripts['start:relay'], `node ${NODE_RELAY_DIR}/${NODE_RELAY_ENTRY}`);
  const copy = all(runStage, 'COPY').find((i) => i.args.startsWith('--from=build'));
  const [, from, to] = copy?.args.split(/\s+/) ?? [];
  assert.equal(from, `${workdir(buildStage)}/${NODE_RELAY_DIR}`);
  assert.equal(to, './');
  assert.deepEqual(execForm(last(runStage, 'CMD')?.args), ['node', NODE_RELAY_ENTRY]);
  assert.equal(all(runStage, 'RUN').length, 0, 'no install step: the bundle needs no node_modules');
});

it('npm start builds the same bundle and runs the same entry', () => {
  const start = pkg.scripts.start ?? assert.fail('start script');
  assert.match(start, /npm run --silent build && npm run --silent build:relay && /);
  assert.ok(start.endsWith(`node ${NODE_RELAY_DIR}/${NODE_RELAY_ENTRY}`), start);
});

it('delivers SIGTERM to node as PID 1 (exec-form CMD, no entrypoint shell)', () => {
  assert.equal(execForm(last(runStage, 'CMD')?.args)[0], 'node');
  assert.equal(all(runStage, 'ENTRYPOINT').length, 0);
  const stop = last(runStage, 'STOPSIGNAL')?.args;
  assert.ok(stop === undefined || stop === 'SIGTERM', `STOPSIGNAL ${stop}`);
});

it('runs as a non-root user', () => {
  const user = last(runStage, 'USER')?.args ?? 'root';
  assert.ok(!['root', '0', '0:0'].includes(user), `USER ${user}`);
  const userAt = runStage.findLastIndex((i) => i.keyword === 'USER');
  const cmdAt = runStage.findIndex((i) => i.keyword === 'CMD');
  assert.ok(userAt >= 0 && userAt < cmdAt);
});

it('listens on PORT on all interfaces and checks /healthz on that port', () => {
  const env = all(runStage, 'ENV')
    .map((i) => i.args)
    .join(' ');
  assert.match(env, /(^|\s)HOST=0\.0\.0\.0(\s|$)/);
  assert.match(env, /(^|\s)PORT=\d+(\s|$)/);
  const health = last(runStage, 'HEALTHCHECK')?.args ?? assert.fail('HEALTHCHECK');
  assert.match(health, /\/healthz/);
  assert.match(health, /process\.env\.PORT/);
});

it('bakes in no secret', () => {
  const declared = stages.flat().filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG');
  assert.ok(declared.length > 0);
  for (const secret of ['GEMINI_API_KEY', 'RELAY_SECRET'])
    assert.ok(!declared.some((i) => i.args.includes(secret)), `${secret} is not in ENV/ARG`);
  const ignored = read('.dockerignore').split('\n');
  for (const entry of ['.env', 'node_modules', 'dist', '.git'])
    assert.ok(ignored.includes(entry), `.dockerignore has ${entry}`);
});

it('uses a Node image the engines field allows', () => {
  const floor = Number(/(\d+)/.exec(pkg.engines.node)?.[1]);
  assert.ok(floor >= 20);
  for (const stage of stages) {
    const image = stage[0]?.args.split(/\s+/)[0] ?? '';
    const major = Number(/^node:(\d+)/.exec(image)?.[1]);
    assert.ok(major >= floor, `${image} satisfies node ${pkg.engines.node}`);
  }
});
