/** The README's template table says what the templates hold: it is checked, not trusted. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { bundledTemplates } from '../core/interview-templates';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

it('the README lists every template with its plan length, limit, language, voice and turn-taking', () => {
  assert.ok(bundledTemplates.size >= 6);
  for (const t of bundledTemplates.values()) {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${t.id}\` |`));
    assert.ok(row, `README row for ${t.id}`);
    const cells = row.split('|').map((cell) => cell.trim());
    assert.equal(cells[3], String(t.plan.length), `${t.id} questions`);
    assert.equal(cells[4], `${t.durationLimitSec / 60} min`, `${t.id} limit`);
    assert.equal(cells[5], `\`${t.language}\``, `${t.id} language`);
    assert.equal(cells[6], t.voice, `${t.id} voice`);
    assert.match(
      cells[7] ?? '',
      new RegExp(
        `^${t.turnTaking.silenceDurationMs} ms, end ${t.turnTaking.endOfSpeechSensitivity.split('_').at(-1)}`,
      ),
      t.id,
    );
  }
});
