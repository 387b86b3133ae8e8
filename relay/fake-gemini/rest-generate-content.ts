/**
 * `POST /{v1|v1beta|v1alpha}/models/{model}:generateContent`, the REST call the relay makes for the
 * feedback report. Answers with a Gemini-shaped response whose text is the simulated report JSON, or with
 * the real service's 400 for a wrong key.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildFeedbackReport } from './feedback-report';
import type { ResolvedOptions } from './options';
import { isObject } from './setup-validation';
import type { RestRequest } from './types';
import { GENERATE_CONTENT_PATH, pathnameOf, readCredentials } from './wire';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function handleRest(
  req: IncomingMessage,
  res: ServerResponse,
  options: ResolvedOptions,
  requests: RestRequest[],
): Promise<void> {
  const path = pathnameOf(req.url ?? '/');
  const match = GENERATE_CONTENT_PATH.exec(path);
  if (!match || req.method !== 'POST') {
    return sendJson(res, 404, googleError(404, `Method not found: ${req.method} ${path}`, 'NOT_FOUND'));
  }
  const { apiKey } = readCredentials(req.url ?? '/', req.headers);
  const raw = await readBody(req);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    requests.push({ path, url: req.url ?? '/', apiKey, body: raw });
    return sendJson(res, 400, googleError(400, 'Invalid JSON payload received.', 'INVALID_ARGUMENT'));
  }
  requests.push({ path, url: req.url ?? '/', apiKey, body });
  if (options.requireApiKey !== undefined && apiKey !== options.requireApiKey) {
    const error = googleError(400, 'API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT');
    error.error.details = [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
        metadata: { service: 'generativelanguage.googleapis.com' },
      },
    ];
    return sendJson(res, 400, error);
  }
  const prompt = promptText(body);
  // A scripted answer when the test queued one; else the simulated grader.
  const scripted = options.generateContent.shift();
  // Fault injection: a slow model (the answer waits until the test lets it go).
  if (scripted?.hold) await scripted.hold();
  if (scripted?.error)
    return sendJson(
      res,
      scripted.error.code,
      googleError(scripted.error.code, scripted.error.message, scripted.error.status),
    );
  const text = scripted?.text ?? JSON.stringify(buildFeedbackReport(prompt));
  const finishReason = scripted?.finishReason ?? 'STOP';
  const promptTokens = Math.ceil(prompt.length / 4);
  const outputTokens = Math.ceil(text.length / 4);
  options.log({ event: 'rest.generateContent', model: match[2], promptTokens });
  sendJson(res, 200, {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason, index: 0 }],
    usageMetadata: {
      promptTokenCount: promptTokens,
      candidatesTokenCount: outputTokens,
      totalTokenCount: promptTokens + outputTokens,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
    },
    modelVersion: match[2],
    responseId: `fake-${Date.now().toString(36)}`,
  });
}

/** All text of `contents[].parts[]` plus `systemInstruction`, in order. */
function promptText(body: unknown): string {
  if (!isObject(body)) return '';
  const contents = Array.isArray(body.contents) ? body.contents : [];
  const blocks = [body.systemInstruction, ...contents];
  return blocks
    .flatMap((c: unknown) => (isObject(c) && Array.isArray(c.parts) ? c.parts : []))
    .map((p: unknown) => (isObject(p) && typeof p.text === 'string' ? p.text : ''))
    .join('\n');
}

function googleError(code: number, message: string, status: string): { error: Record<string, unknown> } {
  return { error: { code, message, status } };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = `${JSON.stringify(value, null, 2)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
