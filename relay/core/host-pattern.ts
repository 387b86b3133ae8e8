/**
 * Allowlist entries for origins (`https://*.example.com`) and host names (`*.example.com`). A `*.` prefix
 * stands for one or more whole labels: `https://*.example.com` matches `https://a.example.com` and
 * `https://a.b.example.com`, never `https://example.com`, `https://evilexample.com` or
 * `https://a.example.com.evil.test`; scheme and port must match exactly.
 */

const LABELS = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

/** True when `hostname` (lowercase, no port) is `pattern` or, for a `*.` pattern, a subdomain of it. */
export function hostMatches(pattern: string, hostname: string): boolean {
  if (!pattern.startsWith('*.')) return pattern === hostname;
  const suffix = pattern.slice(1); // ".example.com"
  if (!hostname.endsWith(suffix)) return false;
  return LABELS.test(hostname.slice(0, -suffix.length));
}

interface ParsedOrigin {
  scheme: string;
  hostname: string;
  port: string;
}

/** `https://a.example.com:8443` → its parts; undefined for anything that is not a serialized origin. */
function parseOrigin(origin: string): ParsedOrigin | undefined {
  const match = /^(https?):\/\/([^/:?#]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i.exec(origin);
  if (!match) return undefined;
  return {
    scheme: (match[1] as string).toLowerCase(),
    hostname: (match[2] as string).toLowerCase(),
    port: match[3] ?? '',
  };
}

/** True when the browser-sent `origin` is allowed by `pattern` (an exact origin or a `*.` origin pattern). */
export function originMatches(pattern: string, origin: string): boolean {
  if (!pattern.includes('*')) return pattern === origin;
  const want = parseOrigin(pattern);
  const got = parseOrigin(origin);
  if (!want || !got) return false;
  return want.scheme === got.scheme && want.port === got.port && hostMatches(want.hostname, got.hostname);
}
