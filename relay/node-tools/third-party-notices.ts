/**
 * The licence texts of the packages esbuild put into the production bundle: the bundle is a copy of their
 * code, and their licences (MIT, Apache-2.0, ISC, BSD) ask for the notice to travel with it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** `node_modules/@scope/name/lib/x.js` → `node_modules/@scope/name` (the innermost package of a nested path). */
export function packageDirOf(input: string): string | undefined {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll('\\', '/'));
  return match?.[1];
}

/** One text with a section per package (name, version, licence, then its LICENSE and NOTICE files). */
export async function thirdPartyNotices(repoRoot: string, bundledInputs: string[]): Promise<string> {
  const dirs = [...new Set(bundledInputs.flatMap((input) => packageDirOf(input) ?? []))].sort();
  const sections: string[] = [];
  for (const dir of dirs) {
    const full = join(repoRoot, dir);
    const manifest = JSON.parse(await readFile(join(full, 'package.json'), 'utf8')) as {
      name?: string;
      version?: string;
      license?: string;
    };
    const files = (await readdir(full)).filter((name) => /^(licen[cs]e|notice)/i.test(name)).sort();
    const texts = await Promise.all(files.map((name) => readFile(join(full, name), 'utf8')));
    sections.push(
      [
        `${manifest.name ?? dir}@${manifest.version ?? '?'} (${manifest.license ?? 'see below'})`,
        ...texts.map((text) => text.trim()),
      ].join('\n\n'),
    );
  }
  return `Third-party code bundled into node.mjs\n\n${sections.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`;
}
