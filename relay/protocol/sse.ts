/**
 * The one SSE writer. Enforces the framing rules: no CR or LF in `event` or `id`; multi-line data is split
 * into several `data:` lines so it survives intact.
 */
export function formatSseEvent(message: { id?: number | string; event?: string; data: string }): string {
  let out = '';
  if (message.id !== undefined) out += `id: ${singleLine('id', String(message.id))}\n`;
  if (message.event !== undefined) out += `event: ${singleLine('event', message.event)}\n`;
  for (const line of message.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** A comment line: ignored by clients, keeps proxies and idle timers from closing the stream. */
export function formatSseComment(text: string): string {
  return `: ${singleLine('comment', text)}\n\n`;
}

/** Sent first on a new stream: how long a client should wait before reconnecting by itself. */
export function formatSseRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.floor(ms))}\n\n`;
}

function singleLine(field: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new TypeError(`SSE ${field} must not contain CR or LF`);
  return value;
}
