/**
 * Build check: the ESM build imports in Node (no window, no document, no customElements) without throwing,
 * as server-side rendering needs. Run after `vite build --mode esm`.
 */
const entry = new URL('../../dist/esm/widget/src/index.js', import.meta.url);
const module = await import(entry.href);
if (typeof module.VoiceInterview !== 'function' || typeof module.defineVoiceInterview !== 'function') {
  throw new Error('dist/esm entry does not export VoiceInterview and defineVoiceInterview');
}
process.stdout.write('SSR import check: dist/esm imports in Node without a DOM\n');
