import { expect } from '@open-wc/testing';
import type { InboundFrame } from '../../relay/protocol/index';
import { DEFAULT_RECONNECT_POLICY } from '../src/session/reconnect-policy';
import {
  type Transport,
  TransportConnectError,
  type TransportConnectOptions,
  type TransportHandlers,
  type TransportKind,
} from '../src/session/transport';
import {
  connectFirstAvailable,
  transportOrder,
  WEBSOCKET_FAILED_KEY,
  webSocketFailedFor,
} from '../src/session/transport-selection';
import { describe, it } from './harness/mocha';

const READY: InboundFrame = {
  kind: 'event',
  event: {
    id: 0,
    type: 'ready',
    protocol: 1,
    sessionId: 's',
    interview: { id: 'i', title: 't', role: 'r', level: 'l', language: 'en', durationLimitSec: 600 },
    simulated: true,
    inputSampleRate: 16_000,
    outputSampleRate: 24_000,
    resumed: false,
    lastAudioSeq: 0,
  },
} as InboundFrame;

/** What a scripted transport does once asked to connect. */
type Script =
  | { open: 'never' }
  | { open: 'refused' }
  | { open: 'yes'; afterOpen: 'ready' | 'silence' | { close: number } };

/** A transport that follows a script, so the fallback rule can be checked without a network. */
class ScriptedTransport implements Transport {
  closed = false;
  constructor(
    readonly kind: TransportKind,
    private readonly script: Script,
  ) {}

  connect(options: TransportConnectOptions, handlers: TransportHandlers): Promise<void> {
    if (this.script.open === 'refused')
      return Promise.reject(new TransportConnectError(this.kind, 'refused', 1006));
    if (this.script.open === 'never') {
      return new Promise((_, reject) => {
        setTimeout(() => reject(new TransportConnectError(this.kind, 'timeout')), options.connectTimeoutMs);
      });
    }
    const afterOpen = this.script.afterOpen;
    setTimeout(() => {
      if (afterOpen === 'ready') handlers.onFrame(READY);
      else if (afterOpen !== 'silence')
        handlers.onClose({ code: afterOpen.close, reason: '', receivedData: false });
    }, 5);
    return Promise.resolve();
  }

  sendAudio(): void {}
  sendMessage(): void {}
  updateToken(): void {}
  close(): void {
    this.closed = true;
  }
}

const POLICY = { connectTimeoutMs: 300, fallbackTimeoutMs: 100 };
let relayNumber = 0;

async function connect(websocket: Script, sse: Script = { open: 'yes', afterOpen: 'ready' }) {
  const relayUrl = `http://relay-${++relayNumber}.test/`;
  const made: ScriptedTransport[] = [];
  const factory = (kind: TransportKind, script: Script) => () => {
    const transport = new ScriptedTransport(kind, script);
    made.push(transport);
    return transport;
  };
  const noop = { onFrame: () => undefined, onClose: () => undefined };
  const result = connectFirstAvailable(
    transportOrder('auto', relayUrl),
    { websocket: factory('websocket', websocket), sse: factory('sse', sse) },
    { relayUrl, sessionId: 's', token: 't', lastEventId: 0, signal: new AbortController().signal },
    POLICY,
    () => noop,
  );
  return { relayUrl, made, result };
}

describe('transport="auto" fallback rule', () => {
  it('keeps the WebSocket when it opens and the relay says ready', async () => {
    const { relayUrl, made, result } = await connect({ open: 'yes', afterOpen: 'ready' });
    const { transport, first } = await result;
    expect(transport.kind).to.equal('websocket');
    expect(first).to.equal(READY);
    expect(made.map((t) => t.kind)).to.deep.equal(['websocket']);
    expect(webSocketFailedFor(relayUrl)).to.equal(false);
  });

  for (const [symptom, script] of [
    ['the upgrade is refused', { open: 'refused' }],
    ['the socket never opens', { open: 'never' }],
    ['it closes before the first server frame', { open: 'yes', afterOpen: { close: 1006 } }],
    ['it opens but no ready arrives', { open: 'yes', afterOpen: 'silence' }],
  ] as [string, Script][]) {
    it(`falls back to SSE when ${symptom}, and remembers the relay`, async () => {
      const { relayUrl, made, result } = await connect(script);
      expect((await result).transport.kind).to.equal('sse');
      expect(made.map((t) => t.kind)).to.deep.equal(['websocket', 'sse']);
      expect(webSocketFailedFor(relayUrl)).to.equal(true);
      expect(sessionStorage.getItem(WEBSOCKET_FAILED_KEY + relayUrl)).to.equal('1');
      expect(transportOrder('auto', relayUrl)).to.deep.equal(['sse']);
      expect(transportOrder('websocket', relayUrl)).to.deep.equal(['websocket']);
    });
  }

  it('treats a 4xxx close as the relay answering: no fallback, nothing remembered', async () => {
    const { relayUrl, made, result } = await connect({ open: 'yes', afterOpen: { close: 4401 } });
    const error = await result.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(TransportConnectError);
    expect((error as TransportConnectError).failure).to.equal('rejected');
    expect((error as TransportConnectError).retryable).to.equal(false);
    expect(made.map((t) => t.kind)).to.deep.equal(['websocket']);
    expect(webSocketFailedFor(relayUrl)).to.equal(false);
  });

  it('remembers nothing when SSE fails too (the network is down, not hostile to WebSockets)', async () => {
    const { relayUrl, result } = await connect({ open: 'refused' }, { open: 'refused' });
    const error = await result.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as TransportConnectError).failure).to.equal('refused');
    expect(webSocketFailedFor(relayUrl)).to.equal(false);
  });

  it('documents 2.5 s for the WebSocket to open and as long again for ready', () => {
    expect(DEFAULT_RECONNECT_POLICY.fallbackTimeoutMs).to.equal(2_500);
  });
});
