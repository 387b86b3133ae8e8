/**
 * A measuring Worker for `measure-upstream.ts`: opens upstream Live connections from inside workerd three
 * ways and reports how long each took. Not deployed.
 */
import { GeminiUpstream, ignoringHandlers } from '../core/gemini-upstream';
import { DEFAULT_TURN_TAKING } from '../core/interview-plan';

interface MeasureEnv {
  BASE_URL: string;
  API_KEY: string;
}

const LIVE_PATH = '/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent';
const SETUP = JSON.stringify({ setup: { model: 'models/gemini-3.8-live' } });

function setupComplete(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.addEventListener('message', () => resolve(), { once: true });
    socket.addEventListener('close', (event) => reject(new Error(`closed ${event.code}`)), { once: true });
  });
}

/** Global WebSocket constructor, key in the URL: what the SDK's web build does. */
async function viaConstructor(env: MeasureEnv): Promise<void> {
  const socket = new WebSocket(`${env.BASE_URL.replace(/^http/, 'ws')}${LIVE_PATH}?key=${env.API_KEY}`);
  socket.binaryType = 'arraybuffer';
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  const done = setupComplete(socket);
  socket.send(SETUP);
  await done;
  socket.close(1000, 'done');
}

/** fetch() upgrade with the key in a header. */
async function viaFetchUpgrade(env: MeasureEnv): Promise<void> {
  const response = await fetch(`${env.BASE_URL}${LIVE_PATH}`, {
    headers: { upgrade: 'websocket', 'x-goog-api-key': env.API_KEY },
  });
  const socket = (response as Response & { webSocket: (WebSocket & { accept(): void }) | null }).webSocket;
  if (!socket) throw new Error(`no upgrade: ${response.status}`);
  socket.accept();
  const done = setupComplete(socket);
  socket.send(SETUP);
  await done;
  socket.close(1000, 'done');
}

/** The relay's own code path: the SDK's web build through GeminiUpstream.connect. */
async function viaSdk(env: MeasureEnv): Promise<void> {
  const handlers = ignoringHandlers();
  const upstream = await GeminiUpstream.connect(
    {
      apiKey: env.API_KEY,
      baseUrl: env.BASE_URL,
      model: 'gemini-3.8-live',
      systemInstruction: 'measure',
      voice: 'Kore',
      turnTaking: DEFAULT_TURN_TAKING,
      language: 'en-US',
      resumeHandle: undefined,
    },
    handlers,
  );
  upstream.close();
}

const WAYS = { constructor: viaConstructor, 'fetch-upgrade': viaFetchUpgrade, sdk: viaSdk };

export default {
  async fetch(request: Request, env: MeasureEnv): Promise<Response> {
    const url = new URL(request.url);
    const way = WAYS[url.searchParams.get('way') as keyof typeof WAYS];
    if (!way) return new Response('way?', { status: 400 });
    const rounds = Number(url.searchParams.get('rounds') ?? '20');
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Date.now() only advances across I/O in workerd, which is exactly what is measured here.
      const start = Date.now();
      await way(env);
      times.push(Date.now() - start);
    }
    return Response.json(times);
  },
};
