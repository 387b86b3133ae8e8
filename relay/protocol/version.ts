/** Version of the widget <-> relay protocol. Bumped on any incompatible change. */
export const PROTOCOL_VERSION = 1;
