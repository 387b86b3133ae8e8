/**
 * Prints the Subresource Integrity hash of each released widget file (`voice-interview.js` and its worklets)
 * and writes them to `dist/integrity.json`, so a page can pin what it loads from a relay or a CDN:
 * `<script type="module" src=".../voice-interview.js" integrity="sha384-…" crossorigin="anonymous">`.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

const RELEASED = /^(voice-interview\.js|voice-interview-worklets\/[^/]+\.js)$/;

export function sriHash(content: string | Uint8Array): string {
  return `sha384-${createHash('sha384').update(content).digest('base64')}`;
}

export function integrityPlugin(): Plugin {
  return {
    name: 'voice-interview-integrity',
    apply: 'build',
    generateBundle(_options, bundle) {
      const hashes: Record<string, string> = {};
      for (const [name, output] of Object.entries(bundle)) {
        if (!RELEASED.test(name)) continue;
        hashes[name] = sriHash(output.type === 'chunk' ? output.code : output.source);
      }
      if (Object.keys(hashes).length === 0) return;
      this.emitFile({
        type: 'asset',
        fileName: 'integrity.json',
        source: `${JSON.stringify(hashes, null, 2)}\n`,
      });
      const lines = Object.entries(hashes).map(([name, hash]) => `  ${name}  integrity="${hash}"`);
      process.stdout.write(`SRI hashes (also in dist/integrity.json):\n${lines.join('\n')}\n`);
    },
  };
}
