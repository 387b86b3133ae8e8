/**
 * Bodies already in memory, handed between an adapter and the core without a web stream around them. A small
 * POST (an SSE client's 40 ms of audio, a control message) costs Node 20 about 50 µs to wrap in a
 * `ReadableStream` and pull through it again, and its JSON answer about 40 µs more: most of what the request
 * costs beyond parsing. So the Node adapter reads a small body off the socket itself and holds it here for
 * {@link readBody}, and the core's string answers keep their text here for the adapter to write directly.
 * Either side falls back to the stream when nothing is held, which is always the case on Workers.
 */
const requestBodies = new WeakMap<Request, Uint8Array>();
const responseTexts = new WeakMap<Response, string>();

/** The adapter read `request`'s body already (the Request itself was built without one). */
export function holdRequestBody(request: Request, bytes: Uint8Array): void {
  requestBodies.set(request, bytes);
}

export function heldRequestBody(request: Request): Uint8Array | undefined {
  return requestBodies.get(request);
}

/** A Response the core built from `text`: the adapter may write the text instead of reading the body. */
export function textResponse(text: string, init: ResponseInit): Response {
  const response = new Response(text, init);
  responseTexts.set(response, text);
  return response;
}

export function heldResponseText(response: Response): string | undefined {
  return responseTexts.get(response);
}
