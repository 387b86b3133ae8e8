/** Structured JSON log lines, with every configured secret scrubbed from every value before it is written. */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export type LogSink = (line: string) => void;

const REDACTED = '[redacted]';

function scrub(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const secret of secrets) out = out.split(secret).join(REDACTED);
    // Never let a `key=`/`token=` query parameter through, whatever its value.
    return out.replace(/([?&](?:key|access_token|token)=)[^&\s"']+/gi, `$1${REDACTED}`);
  }
  if (value instanceof Error) return scrub(`${value.name}: ${value.message}`, secrets);
  if (Array.isArray(value)) return value.map((item) => scrub(item, secrets));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, secrets)]));
  }
  return value;
}

export function createLogger(sink: LogSink, secrets: readonly string[], base: LogFields = {}): Logger {
  const usable = secrets.filter((secret) => secret.length >= 4);
  return {
    log(level, msg, fields = {}) {
      const entry = scrub({ ts: new Date().toISOString(), level, msg, ...base, ...fields }, usable);
      sink(JSON.stringify(entry));
    },
    child(fields) {
      return createLogger(sink, usable, { ...base, ...fields });
    },
  };
}
