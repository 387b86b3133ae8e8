import { bytesToBase64 } from '../protocol/base64';

/** Headers for every file the relay serves: no MIME sniffing, no referrer leaking session URLs. */
export const COMMON_FILE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/** The widget's files, embedded cross-origin with one `<script type="module">`: CORS for scripts only. */
export const WIDGET_FILE_HEADERS = {
  ...COMMON_FILE_HEADERS,
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
} as const;

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/**
 * The demo page's headers: a CSP that allows its own scripts (inline ones by hash), connections to itself
 * only, and framing by `frameAncestors` (`FRAME_ANCESTORS`, for LMS iframes). Never `Access-Control-Allow-Origin`.
 */
export async function demoPageHeaders(html: string, frameAncestors: string): Promise<Record<string, string>> {
  const hashes: string[] = [];
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(match[1] ?? ''));
    hashes.push(`'sha256-${bytesToBase64(new Uint8Array(digest))}'`);
  }
  const csp = [
    "default-src 'self'",
    `script-src 'self' blob: ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
  return {
    ...COMMON_FILE_HEADERS,
    'content-security-policy': csp,
    'permissions-policy': 'microphone=(self)',
  };
}
