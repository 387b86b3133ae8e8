/**
 * The few workerd runtime types the adapter uses, declared locally: `@cloudflare/workers-types` would bring
 * a second set of web globals that conflicts with the DOM lib the rest of the project compiles against.
 */

/** workerd's WebSocket: the standard one plus `accept()` for sockets from a WebSocketPair. */
export interface WorkerdWebSocket extends WebSocket {
  accept(): void;
}

/** `new WebSocketPair()`: index 0 goes back to the client in a 101 response, index 1 is served here. */
export type WebSocketPairConstructor = new () => { 0: WorkerdWebSocket; 1: WorkerdWebSocket };

/** A response that completes a WebSocket upgrade. */
export type UpgradeResponseInit = ResponseInit & { webSocket: WorkerdWebSocket };

export interface DurableObjectId {
  toString(): string;
}

export interface DurableObjectStub {
  fetch(request: Request): Promise<Response>;
}

export interface DurableObjectNamespace {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId): DurableObjectStub;
}

export interface DurableObjectStorage {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<boolean>;
  deleteAll(): Promise<void>;
  setAlarm(scheduledTime: number): Promise<void>;
}

export interface DurableObjectState {
  readonly id: DurableObjectId;
  readonly storage: DurableObjectStorage;
}

/** The static-assets binding (`[assets] binding = "ASSETS"`). */
export interface AssetsBinding {
  fetch(request: Request): Promise<Response>;
}
