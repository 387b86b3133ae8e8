import { VoiceInterviewError } from '../errors';
import {
  type Transport,
  TransportConnectError,
  type TransportConnectOptions,
  type TransportFactory,
  type TransportHandlers,
  type TransportKind,
  type TransportPreference,
} from './transport';
import { WebSocketTransport } from './websocket-transport';

export type TransportFactories = Partial<Record<TransportKind, TransportFactory>>;

/** Transports available in this build; `sse` arrives with issue 4 and slots in here. */
export const TRANSPORTS: TransportFactories = {
  websocket: () => new WebSocketTransport(),
};

/** The order to try transports in: `auto` is WebSocket first, then SSE. */
export function transportOrder(preference: TransportPreference): TransportKind[] {
  return preference === 'auto' ? ['websocket', 'sse'] : [preference];
}

/**
 * Connects the first transport that opens. A `refused` or `timeout` failure moves on to the next kind
 * (the fallback rule); anything else, or an abort, stops at once. Kinds without a factory are skipped.
 */
export async function connectFirstAvailable(
  kinds: readonly TransportKind[],
  factories: TransportFactories,
  options: TransportConnectOptions,
  handlersFor: (transport: Transport) => TransportHandlers,
): Promise<Transport> {
  let lastError: unknown = new VoiceInterviewError('relay-unreachable', 'No transport is available', true);
  for (const kind of kinds) {
    const factory = factories[kind];
    if (!factory) continue;
    const transport = factory();
    try {
      await transport.connect(options, handlersFor(transport));
      return transport;
    } catch (error) {
      lastError = error;
      if (!(error instanceof TransportConnectError) || error.failure === 'aborted') throw error;
    }
  }
  throw lastError;
}
