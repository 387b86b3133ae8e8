/**
 * The attack catalogue: every bad input and abuse case the relay must survive, with its documented answer
 * (HTTP status and typed error code, or WebSocket close code / error event). Run against the Node relay and
 * the Worker (`attack-catalogue-node.test.ts`, `attack-catalogue-worker.test.ts`) for the cases that apply
 * to each; meanwhile a healthy session completes a turn, and afterwards the relay still answers, logged no
 * error for a client's mistake, and never showed the Gemini key to anyone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TokenSigner } from '../core/session-token';
import { EXPOSURE_SCRIPT } from '../test-support/key-exposure';
import { CANARY_KEY, type RelayStack, type StackOptions } from '../test-support/node-stack';
import { clientVisible, RelayTestClient, request } from '../test-support/relay-test-client';
import { HTTP_ATTACKS } from './attack-catalogue-http';
import { SESSION_ATTACKS } from './attack-catalogue-session';
import { type Attack, type AttackContext, ORIGIN, type Outcome, type Runtime, SECRET } from './attack-kit';

export const ATTACKS: readonly Attack[] = [...HTTP_ATTACKS, ...SESSION_ATTACKS];

export function attackCatalogue(
  runtime: Runtime,
  start: (options: StackOptions) => Promise<RelayStack>,
): void {
  describe(`attack catalogue (${runtime})`, () => {
    let stack: RelayStack;
    let ctx: AttackContext;
    let healthy: Promise<void>;
    let firstCaseStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      firstCaseStarted = resolve;
    });
    const seenFrom = clientVisible.length;

    before(async () => {
      stack = await start({
        fake: { script: EXPOSURE_SCRIPT },
        relay: { createRatePerMinute: 10_000, maxSessions: 10_000, maxSessionsPerClient: 10_000 },
      });
      const base = stack.url;
      ctx = {
        runtime,
        base,
        hostHeader: new URL(base).host,
        origin: ORIGIN,
        signer: new TokenSigner(SECRET),
        session: () => RelayTestClient.create(base, 'frontend-mid', { origin: ORIGIN }),
      };
      // The healthy interview: greeted before the attacks, answers once they are under way.
      const client = await ctx.session();
      await client.connectWebSocket();
      await client.waitForEvent('turn-complete');
      healthy = (async () => {
        await started;
        client.sendMessage({ type: 'text', text: 'I built a dashboard.' });
        await client.waitForEvent('turn-complete', 2);
        client.close();
      })();
    });
    after(() => stack.close());

    const cases = ATTACKS.filter((attack) => attack.on.includes(runtime));
    it(`has at least 60 cases on ${runtime}`, () => {
      assert.ok(cases.length >= 60, `${cases.length} cases`);
      assert.equal(new Set(cases.map((attack) => attack.name)).size, cases.length, 'names are unique');
    });

    for (const attack of cases) {
      it(attack.name, async () => {
        firstCaseStarted();
        const outcome = await attack.run(ctx);
        const observed = Object.fromEntries(
          Object.keys(attack.expect).map((key) => [key, outcome[key as keyof Outcome]]),
        );
        assert.deepEqual(observed, attack.expect);
        if (outcome.status !== undefined) assert.ok(outcome.status < 500, `answered ${outcome.status}`);
      });
    }

    it('a healthy session completed a turn during the run, and the relay still answers', async () => {
      await healthy;
      const health = await request(stack.url, 'GET', '/healthz');
      assert.equal(health.status, 200);
    });

    it('no client mistake was logged as an error, and the key never showed', () => {
      const errors = stack.logs.filter((line) => line.includes('"level":"error"'));
      assert.deepEqual(errors, []);
      const seen = clientVisible.slice(seenFrom);
      assert.ok(seen.length >= cases.length, `${seen.length} client-visible records`);
      for (const item of [...seen, ...stack.logs]) assert.ok(!item.includes(CANARY_KEY), item.slice(0, 200));
    });
  });
}
