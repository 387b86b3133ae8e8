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
 * script: through a Blob URL (needs `blob:` in CSP `script-src`), or in WebKit engines a `data:` URL first
 * (see {@link addBundledModule}). With `baseUrl`, it is fetched from `${baseUrl}/${name}.worklet.js`
 * instead, for pages with a strict CSP that self-host `dist/voice-interview-worklets/`.
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
  await addBundledModule(context, SOURCES[name]);
}

/** Safari, every iOS browser and WebKitGTK: all WebKit engines report Apple as the vendor. */
const isWebKit = (): boolean => navigator.vendor === 'Apple Computer, Inc.';

/**
 * WebKit can deadlock its page on a worklet module from a Blob URL: the worklet thread asks the main thread
 * for the Blob's type and waits, while the main thread waits on audio rendering, which runs on that same
 * worklet thread (seen in WebKitGTK 2.50 in 1 of 2-6 page loads; a `data:` URL or a served file never
 * hung in 90 and 60). So WebKit gets a `data:` URL first and the Blob URL only if the page's CSP refuses
 * `data:`; other engines keep the Blob URL, which a CSP allows more often.
 */
async function addBundledModule(context: BaseAudioContext, source: string): Promise<void> {
  if (isWebKit()) {
    try {
      await context.audioWorklet.addModule(`data:text/javascript,${encodeURIComponent(source)}`);
      return;
    } catch {
      // Refused by the page's CSP: the Blob URL below.
    }
  }
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    await context.audioWorklet.addModule(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}
