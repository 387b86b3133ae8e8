/** Attack catalogue, part 1: malformed requests, hosts, origins, proxy headers and paths (no session needed). */
import { WebSocket } from 'ws';
import { decodeWebSocketMessage } from '../protocol/index';
import { errorCodeOf, rawHttp } from '../test-support/raw-http';
import { request } from '../test-support/relay-test-client';
import { type Attack, type AttackContext, httpOutcome, type Outcome, type Runtime } from './attack-kit';

const NODE: readonly Runtime[] = ['node'];
const BOTH: readonly Runtime[] = ['node', 'worker'];

/** A raw request: `line` is the request line; Host is the relay's unless `host` says otherwise. */
async function raw(
  ctx: AttackContext,
  line: string,
  headers: string[] = [],
  options: { host?: string | null; body?: string } = {},
): Promise<Outcome> {
  const host =
    options.host === undefined
      ? [`Host: ${ctx.hostHeader}`]
      : options.host === null
        ? []
        : [`Host: ${options.host}`];
  const answer = await rawHttp(ctx.base, [line, ...host, ...headers], options.body);
  return { status: answer.status, code: errorCodeOf(answer.body) };
}

const WS_HEADERS = [
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Version: 13',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
];

const bad = { status: 400, code: 'bad-request' };
const notFound = { status: 404 };
const foreignHost = { status: 403, code: 'forbidden-host' };
const foreignOrigin = { status: 403, code: 'forbidden-origin' };

const create = (ctx: AttackContext, origin: string) =>
  httpOutcome(ctx, 'POST', '/v1/sessions', { body: { interview: 'frontend-mid' }, origin });

export const HTTP_ATTACKS: readonly Attack[] = [
  // Malformed Host headers: typed 400, never a crash (a bad Host used to throw while building the URL).
  ...(
    [
      ['a Host with a space', 'a b'],
      ['a Host with userinfo', 'user@evil.test'],
      ['a Host with a path', 'evil.test/x'],
      ['a Host with a port over 65535', '127.0.0.1:99999'],
      ['an empty Host', ''],
      ['a Host with a backslash', 'evil.test\\x'],
    ] as const
  ).map(
    ([name, host]): Attack => ({
      name: `${name} → 400`,
      on: NODE,
      expect: bad,
      run: (ctx) => raw(ctx, 'GET /healthz HTTP/1.1', [], { host }),
    }),
  ),
  {
    name: 'a malformed Host on an upgrade request → 400, the process stays up',
    on: NODE,
    expect: bad,
    run: (ctx) =>
      raw(ctx, 'GET /v1/sessions/aaaaaaaaaaaaaaaaaaaaaa/ws HTTP/1.1', WS_HEADERS, { host: 'a b' }),
  },
  // Request targets.
  {
    name: 'an absolute-form target → 400',
    on: NODE,
    expect: bad,
    run: (ctx) => raw(ctx, 'GET http://evil.test/healthz HTTP/1.1'),
  },
  { name: 'an asterisk target → 400', on: NODE, expect: bad, run: (ctx) => raw(ctx, 'OPTIONS * HTTP/1.1') },
  {
    name: 'a scheme-relative target //evil.test/ stays a path → 404',
    on: NODE,
    expect: notFound,
    run: (ctx) => raw(ctx, 'GET //evil.test/healthz HTTP/1.1'),
  },
  {
    name: 'bad percent-encoding in an API path → 400',
    on: BOTH,
    expect: bad,
    run: (ctx) => raw(ctx, 'GET /v1/sessions/%zz%E0%A4%A HTTP/1.1'),
  },
  {
    name: 'bad percent-encoding in a file path → 404',
    on: NODE,
    expect: notFound,
    run: (ctx) => raw(ctx, 'GET /%E0%A4%A HTTP/1.1'),
  },
  {
    name: "raw UTF-8 bytes in the path → Node's parser answers 400",
    on: NODE,
    expect: { status: 400 },
    run: (ctx) => raw(ctx, 'GET /\u00e9t\u00e9 HTTP/1.1'),
  },
  {
    name: 'an upgrade on an upgrade-marked absolute-form target → 400',
    on: NODE,
    expect: bad,
    run: (ctx) => raw(ctx, 'GET http://evil.test/v1/sessions/aaaaaaaaaaaaaaaaaaaaaa/ws HTTP/1.1', WS_HEADERS),
  },
  // Methods.
  { name: 'TRACE → 400', on: NODE, expect: bad, run: (ctx) => raw(ctx, 'TRACE / HTTP/1.1') },
  {
    name: "an unknown method on the API → Node's parser answers 400",
    on: NODE,
    expect: { status: 400 },
    run: (ctx) => raw(ctx, 'FOO /v1/sessions HTTP/1.1'),
  },
  {
    name: 'PUT /v1/sessions → 400',
    on: BOTH,
    expect: bad,
    run: (ctx) => httpOutcome(ctx, 'PUT', '/v1/sessions', { body: { interview: 'frontend-mid' } }),
  },
  {
    name: 'POST to the demo page → 405',
    on: NODE,
    expect: { status: 405 },
    run: (ctx) => raw(ctx, 'POST / HTTP/1.1', ['Content-Length: 0']),
  },
  // Framing the HTTP parser refuses before the relay sees it (still an answer, never a crash).
  {
    name: 'conflicting Content-Length headers → 400',
    on: NODE,
    expect: { status: 400 },
    run: (ctx) =>
      raw(ctx, 'POST /v1/sessions HTTP/1.1', ['Content-Length: 2', 'Content-Length: 5'], { body: '{}' }),
  },
  {
    name: 'a non-numeric Content-Length → 400',
    on: NODE,
    expect: { status: 400 },
    run: (ctx) => raw(ctx, 'POST /v1/sessions HTTP/1.1', ['Content-Length: abc']),
  },
  {
    name: 'Transfer-Encoding with Content-Length (request smuggling) → 400',
    on: NODE,
    expect: { status: 400 },
    run: (ctx) =>
      raw(ctx, 'POST /v1/sessions HTTP/1.1', ['Content-Length: 3', 'Transfer-Encoding: chunked'], {
        body: '0\r\n\r\n',
      }),
  },
  {
    name: 'a 20 KB header → 431',
    on: NODE,
    expect: { status: 431 },
    run: (ctx) => raw(ctx, 'GET /healthz HTTP/1.1', [`X-Pad: ${'a'.repeat(20_000)}`]),
  },
  // Upgrade requests.
  {
    name: 'an upgrade to /healthz → 400',
    on: BOTH,
    expect: bad,
    run: (ctx) => raw(ctx, 'GET /healthz HTTP/1.1', WS_HEADERS),
  },
  {
    name: 'an upgrade to the demo page → 400 (on Workers the asset router answers it)',
    on: NODE,
    expect: bad,
    run: (ctx) => raw(ctx, 'GET / HTTP/1.1', WS_HEADERS),
  },
  {
    name: 'a POST upgrade to the WebSocket route → 400',
    on: NODE,
    expect: bad,
    run: (ctx) => raw(ctx, 'POST /v1/sessions/aaaaaaaaaaaaaaaaaaaaaa/ws HTTP/1.1', WS_HEADERS),
  },
  {
    name: 'an upgrade without Sec-WebSocket-Key → 400',
    on: NODE,
    expect: { status: 400 },
    run: (ctx) => raw(ctx, 'GET /v1/sessions/aaaaaaaaaaaaaaaaaaaaaa/ws HTTP/1.1', WS_HEADERS.slice(0, 3)),
  },
  {
    name: 'an upgrade with WebSocket version 7 → 400',
    on: NODE,
    expect: { status: 400 },
    run: (ctx) =>
      raw(ctx, 'GET /v1/sessions/aaaaaaaaaaaaaaaaaaaaaa/ws HTTP/1.1', [
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Version: 7',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      ]),
  },
  // DNS rebinding: a loopback-bound relay answers loopback names only.
  {
    name: 'a rebinding Host on /healthz → 403 forbidden-host',
    on: NODE,
    expect: foreignHost,
    run: (ctx) => raw(ctx, 'GET /healthz HTTP/1.1', [], { host: `evil.test:${new URL(ctx.base).port}` }),
  },
  {
    name: 'a rebinding page creating a session (same-origin to itself) → 403 forbidden-host',
    on: NODE,
    expect: foreignHost,
    run: (ctx) => {
      const host = `evil.test:${new URL(ctx.base).port}`;
      const body = '{"interview":"frontend-mid"}';
      return raw(
        ctx,
        'POST /v1/sessions HTTP/1.1',
        [`Origin: http://${host}`, 'Content-Type: application/json', `Content-Length: ${body.length}`],
        { host, body },
      );
    },
  },
  {
    name: 'a rebinding Host on a WebSocket upgrade → close 4403 forbidden-host',
    on: NODE,
    expect: { close: 4403, code: 'forbidden-host' },
    run: (ctx) =>
      new Promise<Outcome>((resolve, reject) => {
        const url = `${ctx.base.replace('http', 'ws')}/v1/sessions/aaaaaaaaaaaaaaaaaaaaaa/ws`;
        const ws = new WebSocket(url, { headers: { host: 'evil.test' } });
        let code: string | undefined;
        ws.on('message', (data) => {
          const frame = decodeWebSocketMessage(data.toString());
          if (frame.kind === 'event' && frame.event.type === 'error') code ??= frame.event.code;
        });
        ws.on('close', (close) => resolve({ close, code }));
        ws.on('error', reject);
      }),
  },
  {
    name: 'a rebinding Host on the demo page → 403 forbidden-host',
    on: NODE,
    expect: foreignHost,
    run: (ctx) => raw(ctx, 'GET / HTTP/1.1', [], { host: 'evil.test' }),
  },
  {
    name: 'a look-alike loopback Host 127.0.0.1.nip.io → 403 forbidden-host',
    on: NODE,
    expect: foreignHost,
    run: (ctx) => raw(ctx, 'GET /healthz HTTP/1.1', [], { host: '127.0.0.1.nip.io' }),
  },
  {
    name: 'an untrusted X-Forwarded-Host does not move the relay → 200',
    on: NODE,
    expect: { status: 200 },
    run: (ctx) => raw(ctx, 'GET /healthz HTTP/1.1', ['X-Forwarded-Host: evil.test']),
  },
  {
    name: 'Host localhost → 200',
    on: NODE,
    expect: { status: 200 },
    run: (ctx) => raw(ctx, 'GET /healthz HTTP/1.1', [], { host: `localhost:${new URL(ctx.base).port}` }),
  },
  {
    name: 'Host [::1] → 200',
    on: NODE,
    expect: { status: 200 },
    run: (ctx) => raw(ctx, 'GET /healthz HTTP/1.1', [], { host: `[::1]:${new URL(ctx.base).port}` }),
  },
  // Origins and look-alikes.
  {
    name: 'a foreign origin → 403',
    on: BOTH,
    expect: foreignOrigin,
    run: (ctx) => create(ctx, 'https://evil.test'),
  },
  {
    name: 'an allowed origin as a subdomain of a foreign one → 403',
    on: BOTH,
    expect: foreignOrigin,
    run: (ctx) => create(ctx, 'http://allowed.test.evil.test'),
  },
  {
    name: 'an origin with the allowed one as a suffix → 403',
    on: BOTH,
    expect: foreignOrigin,
    run: (ctx) => create(ctx, 'http://evilallowed.test'),
  },
  { name: 'Origin: null → 403', on: BOTH, expect: foreignOrigin, run: (ctx) => create(ctx, 'null') },
  {
    name: 'the allowed origin on another port → 403',
    on: BOTH,
    expect: foreignOrigin,
    run: (ctx) => create(ctx, 'http://allowed.test:8080'),
  },
  {
    name: 'the allowed origin over https instead of http → 403',
    on: BOTH,
    expect: foreignOrigin,
    run: (ctx) => create(ctx, 'https://allowed.test'),
  },
  {
    name: 'an untrusted X-Forwarded-Proto cannot make https the own origin → 403',
    on: NODE,
    expect: foreignOrigin,
    run: (ctx) =>
      httpOutcome(ctx, 'POST', '/v1/sessions', {
        body: { interview: 'frontend-mid' },
        origin: `https://${ctx.hostHeader}`,
        headers: { 'x-forwarded-proto': 'https' },
      }),
  },
  {
    name: 'a preflight from a foreign origin → 403',
    on: BOTH,
    expect: foreignOrigin,
    run: (ctx) => httpOutcome(ctx, 'OPTIONS', '/v1/sessions', { origin: 'https://evil.test' }),
  },
  {
    name: 'the allowed origin → 201',
    on: BOTH,
    expect: { status: 201 },
    run: (ctx) => create(ctx, 'http://allowed.test'),
  },
  {
    name: 'the demo page: CSP with frame-ancestors, nosniff, no referrer, no CORS',
    on: BOTH,
    expect: { status: 200, code: 'csp nosniff no-referrer no-acao' },
    run: async (ctx) => {
      const page = await request(ctx.base, 'GET', '/');
      const marks = [
        /frame-ancestors 'self'/.test(page.headers['content-security-policy'] ?? '') ? 'csp' : 'no-csp',
        page.headers['x-content-type-options'] === 'nosniff' ? 'nosniff' : 'sniff',
        page.headers['referrer-policy'] === 'no-referrer' ? 'no-referrer' : 'referrer',
        page.headers['access-control-allow-origin'] === undefined ? 'no-acao' : 'acao',
      ];
      return { status: page.status, code: marks.join(' ') };
    },
  },
  {
    name: "the demo folder's README is not served → 404",
    on: BOTH,
    expect: notFound,
    run: async (ctx) => ({ status: (await request(ctx.base, 'GET', '/README.md')).status }),
  },
  // Files: only the demo page, the bundle and its worklets.
  ...(
    [
      ['a traversal to package.json', 'GET /../package.json HTTP/1.1'],
      ['an encoded traversal', 'GET /%2e%2e/package.json HTTP/1.1'],
      [
        'an encoded slash traversal under the worklets',
        'GET /voice-interview-worklets/..%2f..%2fpackage.json HTTP/1.1',
      ],
      ['the bundle source map', 'GET /voice-interview.js.map HTTP/1.1'],
      ['a worklet source map', 'GET /voice-interview-worklets/capture.worklet.js.map HTTP/1.1'],
      ['a NUL byte after index.html', 'GET /index.html%00 HTTP/1.1'],
      ['another dist/ file', 'GET /esm/widget/src/index.js HTTP/1.1'],
      ['a backslash traversal', 'GET /..%5c..%5cpackage.json HTTP/1.1'],
    ] as const
  ).map(
    ([name, line]): Attack => ({
      name: `${name} → 404`,
      on: NODE,
      expect: notFound,
      run: (ctx) => raw(ctx, line),
    }),
  ),
];
