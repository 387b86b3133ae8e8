import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { COMMON_FILE_HEADERS, demoPageHeaders, WIDGET_FILE_HEADERS } from '../core/page-headers';

/** Where the demo page and the built widget are found. */
export interface StaticRoots {
  /** demo/ — its index.html is served at `/`. */
  demo: string;
  /** dist/ — the widget bundle, served at `/voice-interview.js`, and its worklets. */
  dist: string;
}

/** A worklet file name: letters, digits, dots and dashes, ending in `.js` (so never `..`, `/`, `%` or a map). */
const WORKLET = /^\/voice-interview-worklets\/([a-z0-9-]+(?:\.[a-z0-9-]+)*\.js)$/i;

type Served = { file: string; kind: 'page' | 'widget' };

/**
 * The only files the Node relay serves, matched on the raw path (nothing is percent-decoded, so no encoded
 * traversal or `dist/` file such as a source map can be reached): the demo page, the bundle, its worklets.
 */
export function servedFile(roots: StaticRoots, pathname: string): Served | undefined {
  if (pathname === '/' || pathname === '/index.html')
    return { file: join(roots.demo, 'index.html'), kind: 'page' };
  if (pathname === '/voice-interview.js')
    return { file: join(roots.dist, 'voice-interview.js'), kind: 'widget' };
  const worklet = WORKLET.exec(pathname);
  if (worklet)
    return { file: join(roots.dist, 'voice-interview-worklets', worklet[1] as string), kind: 'widget' };
  return undefined;
}

/** Serves GET/HEAD for the demo and the widget bundle; answers 404 for anything else. */
export async function serveStatic(
  roots: StaticRoots,
  method: string,
  pathname: string,
  res: ServerResponse,
  frameAncestors: string,
): Promise<void> {
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', ...COMMON_FILE_HEADERS }).end();
    return;
  }
  const served = servedFile(roots, pathname);
  const body = served ? await readFile(served.file).catch(() => undefined) : undefined;
  if (!served || !body) {
    const hint = pathname === '/voice-interview.js' ? ' (run `npm run build` first)' : '';
    res
      .writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...COMMON_FILE_HEADERS })
      .end(`Not found${hint}\n`);
    return;
  }
  const headers =
    served.kind === 'page'
      ? {
          'content-type': 'text/html; charset=utf-8',
          ...(await demoPageHeaders(body.toString('utf8'), frameAncestors)),
        }
      : { 'content-type': 'text/javascript; charset=utf-8', ...WIDGET_FILE_HEADERS };
  res.writeHead(200, { ...headers, 'cache-control': 'no-cache' });
  res.end(method === 'HEAD' ? undefined : body);
}
