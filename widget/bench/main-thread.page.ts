/**
 * In the page of main-thread.bench.ts: the element, a timestamp for the Start click and for the first
 * candidate audio frame the page sends, exposed as `window.mainThread`. Bundled by element-page.ts.
 */
import '../src/index';
import type { VoiceInterview } from '../src/voice-interview';
import { rememberConsent } from '../test/harness/interview-page';

const marks: { clickAt?: number; firstFrameAt?: number } = {};

// The first binary message on any WebSocket is the first candidate audio frame (everything else is JSON).
const send = WebSocket.prototype.send;
WebSocket.prototype.send = function (this: WebSocket, data) {
  if (marks.firstFrameAt === undefined && typeof data !== 'string') marks.firstFrameAt = performance.now();
  return send.call(this, data);
};
document.addEventListener(
  'click',
  () => {
    marks.clickAt ??= performance.now();
  },
  true,
);

function mount(relayUrl: string): VoiceInterview {
  const el = document.createElement('voice-interview');
  el.interview = 'frontend-mid';
  el.relay = relayUrl;
  el.transport = 'websocket';
  el.skipPreflight = true;
  rememberConsent();
  document.body.append(el);
  return el;
}

(window as unknown as { mainThread: unknown }).mainThread = {
  mount: (relayUrl: string) => void mount(relayUrl),
  state: () => document.querySelector('voice-interview')?.getAttribute('state'),
  clickToFirstFrameMs: () =>
    marks.clickAt === undefined || marks.firstFrameAt === undefined
      ? null
      : marks.firstFrameAt - marks.clickAt,
};
