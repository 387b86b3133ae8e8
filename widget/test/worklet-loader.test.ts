import { expect } from '@open-wc/testing';
import { loadWorklet } from '../src/audio/worklet-loader';
import { CAPTURE_PROCESSOR } from '../src/audio/worklet-messages';
import { describe, it } from './harness/mocha';

/** Runs `body` with `navigator.vendor` reporting `vendor`, as Safari and WebKitGTK report Apple's. */
async function asVendor(vendor: string, body: () => Promise<void>): Promise<void> {
  Object.defineProperty(navigator, 'vendor', { get: () => vendor, configurable: true });
  try {
    await body();
  } finally {
    Reflect.deleteProperty(navigator, 'vendor');
  }
}

/** A context whose `addModule` records each URL's scheme, and refuses those in `refuse` as a CSP would. */
function recordingContext(refuse: string[] = []): { context: OfflineAudioContext; schemes: string[] } {
  const context = new OfflineAudioContext(1, 128, 48_000);
  const schemes: string[] = [];
  const addModule = context.audioWorklet.addModule.bind(context.audioWorklet);
  Object.defineProperty(context.audioWorklet, 'addModule', {
    value: (url: string) => {
      const scheme = new URL(url).protocol;
      schemes.push(scheme);
      if (refuse.includes(scheme)) return Promise.reject(new DOMException('Refused by CSP', 'SecurityError'));
      return addModule(url);
    },
  });
  return { context, schemes };
}

/** The capture processor really registered: constructing its node throws otherwise. */
function captureNode(context: BaseAudioContext): AudioWorkletNode {
  return new AudioWorkletNode(context, CAPTURE_PROCESSOR, {
    numberOfInputs: 1,
    numberOfOutputs: 0,
    processorOptions: { targetRate: 16_000, frameSamples: 640 },
  });
}

describe('loadWorklet: where the bundled worklet modules come from', () => {
  it('uses a Blob URL outside WebKit', async () => {
    expect(navigator.vendor).to.not.equal('Apple Computer, Inc.');
    const { context, schemes } = recordingContext();
    await loadWorklet(context, 'capture');
    expect(schemes).to.deep.equal(['blob:']);
    expect(captureNode(context)).to.be.instanceOf(AudioWorkletNode);
  });

  it('uses a data: URL in WebKit, where a Blob URL can deadlock the page', async () => {
    await asVendor('Apple Computer, Inc.', async () => {
      const { context, schemes } = recordingContext();
      await loadWorklet(context, 'capture');
      expect(schemes).to.deep.equal(['data:']);
      expect(captureNode(context)).to.be.instanceOf(AudioWorkletNode);
    });
  });

  it('falls back to the Blob URL in WebKit when the CSP refuses data:', async () => {
    await asVendor('Apple Computer, Inc.', async () => {
      const { context, schemes } = recordingContext(['data:']);
      await loadWorklet(context, 'capture');
      expect(schemes).to.deep.equal(['data:', 'blob:']);
      expect(captureNode(context)).to.be.instanceOf(AudioWorkletNode);
    });
  });

  it('rejects when the CSP refuses both, so the element can report it', async () => {
    await asVendor('Apple Computer, Inc.', async () => {
      const { context, schemes } = recordingContext(['data:', 'blob:']);
      const error = await loadWorklet(context, 'capture').then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).to.be.instanceOf(DOMException);
      expect(schemes).to.deep.equal(['data:', 'blob:']);
    });
  });
});
