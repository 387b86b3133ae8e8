/**
 * Requests `fetch` cannot send (a malformed Host, absolute-form or `*` targets, unnormalised paths, odd
 * methods, conflicting lengths), written byte for byte on a TCP socket; the answer is read to the close.
 */
import { connect } from 'node:net';
import { clientVisible } from './relay-test-client';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** `head` is the request line and header lines (no trailing blank line); `body` follows them. */
export function rawHttp(baseUrl: string, head: string[], body = ''): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      clientVisible.push(text);
      const [top = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = top.split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const at = line.indexOf(':');
        if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      resolve({ status, headers, body: rest.join('\r\n\r\n') });
    });
    socket.end(`${head.join('\r\n')}\r\nConnection: close\r\n\r\n${body}`);
  });
}

/** The typed error code of a JSON error body, or undefined. */
export function errorCodeOf(body: string): string | undefined {
  const start = body.indexOf('{');
  if (start < 0) return undefined;
  try {
    return (JSON.parse(body.slice(start, body.lastIndexOf('}') + 1)) as { error?: { code?: string } }).error
      ?.code;
  } catch {
    return undefined;
  }
}
