import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

/** Where the demo page and the built widget are found. */
export interface StaticRoots {
  /** demo/ — served at `/`. */
  demo: string;
  /** dist/ — the widget bundle, served at `/voice-interview.js`. */
  dist: string;
}

function resolveInside(root: string, pathname: string): string | undefined {
  const full = normalize(join(root, decodeURIComponent(pathname)));
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : undefined;
}

/** Serves GET/HEAD for the demo and the widget bundle; answers 404 for anything else. */
export async function serveStatic(roots: StaticRoots, method: string, pathname: string, res: ServerResponse) {
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const candidates: (string | undefined)[] = pathname.startsWith('/voice-interview')
    ? [resolveInside(roots.dist, pathname)]
    : [resolveInside(roots.demo, pathname === '/' ? '/index.html' : pathname)];
  for (const file of candidates) {
    if (!file) continue;
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        // The widget is embedded cross-origin with one script tag.
        'access-control-allow-origin': '*',
      });
      res.end(method === 'HEAD' ? undefined : body);
      return;
    } catch {
      // not there: fall through to 404
    }
  }
  const hint = pathname === '/voice-interview.js' ? ' (run `npm run build` first)' : '';
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found${hint}\n`);
}
