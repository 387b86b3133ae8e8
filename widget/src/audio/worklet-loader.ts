import captureWorkletSource from './capture.worklet.ts?worklet';
import playbackWorkletSource from './playback.worklet.ts?worklet';

export type WorkletName = 'capture' | 'playback';

const SOURCES: Record<WorkletName, string> = {
  capture: captureWorkletSource,
  playback: playbackWorkletSource,
};

const loaded = new WeakMap<BaseAudioContext, Map<WorkletName, Promise<void>>>();

/**
 * Adds a worklet module to a context once. By default the module comes from the source bundled into this
 * script, through a Blob URL (needs `blob:` in CSP `script-src`). With `baseUrl`, it is fetched from
 * `${baseUrl}/${name}.worklet.js` instead, for pages with a strict CSP that self-host `dist/voice-interview-worklets/`.
 */
export function loadWorklet(context: BaseAudioContext, name: WorkletName, baseUrl?: string): Promise<void> {
  let byName = loaded.get(context);
  if (!byName) {
    byName = new Map();
    loaded.set(context, byName);
  }
  let pending = byName.get(name);
  if (!pending) {
    pending = addModule(context, name, baseUrl);
    byName.set(name, pending);
    pending.catch(() => byName.delete(name));
  }
  return pending;
}

async function addModule(context: BaseAudioContext, name: WorkletName, baseUrl?: string): Promise<void> {
  if (baseUrl) {
    const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
    await context.audioWorklet.addModule(new URL(`${name}.worklet.js`, new URL(base, document.baseURI)).href);
    return;
  }
  const url = URL.createObjectURL(new Blob([SOURCES[name]], { type: 'text/javascript' }));
  try {
    await context.audioWorklet.addModule(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}
