/** The widget <-> relay protocol: one module, used by both sides. Pure: no platform APIs beyond web standards. */
export * from './audio-frame';
export * from './backoff';
export * from './base64';
export * from './bytes';
export * from './close-codes';
export * from './codec';
export * from './limits';
export type * from './messages';
export * from './protocol-error';
export * from './report';
export * from './sse';
export * from './version';
