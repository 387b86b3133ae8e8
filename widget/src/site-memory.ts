/**
 * What the element remembers per site (origin), in localStorage: that the candidate passed the pre-flight
 * check, and which consent text they accepted (as a hash, so a changed text is asked again).
 * Storage can be unavailable (sandboxed frames, private modes): then nothing is remembered.
 */
export const PREFLIGHT_KEY = 'voice-interview:preflight';
export const CONSENT_KEY = 'voice-interview:consent';

export function recall(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // not remembered: the candidate is asked again next time
  }
}

/** FNV-1a (32 bit) of the text with its whitespace normalised: which consent text was accepted. */
export function consentHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text.replace(/\s+/g, ' ').trim()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
