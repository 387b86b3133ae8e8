import type {
  CreateSessionRequest,
  CreateSessionResponse,
  ErrorBody,
  ErrorCode,
  RefreshTokenResponse,
} from '../../../relay/protocol/index';
import { VoiceInterviewError } from '../errors';

/** The relay's HTTP endpoints. Every failure becomes a VoiceInterviewError with the relay's code. */
export class RelayApi {
  readonly #fetchImpl: typeof fetch;

  constructor(
    readonly relayUrl: string,
    fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {
    this.#fetchImpl = fetchImpl;
  }

  /** `POST /v1/sessions` -> 201 with the session id and its first token. */
  createSession(request: CreateSessionRequest, signal?: AbortSignal): Promise<CreateSessionResponse> {
    return this.#call<CreateSessionResponse>('v1/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal,
    });
  }

  /** `POST /v1/sessions/{id}/token` -> fresh credentials for the same session. */
  refreshToken(sessionId: string, token: string, signal?: AbortSignal): Promise<RefreshTokenResponse> {
    return this.#call<RefreshTokenResponse>(`v1/sessions/${encodeURIComponent(sessionId)}/token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      signal,
    });
  }

  /** `DELETE /v1/sessions/{id}`: best effort, survives page unload. Never throws. */
  deleteSession(sessionId: string, token: string): void {
    this.#fetchImpl(this.endpoint(`v1/sessions/${encodeURIComponent(sessionId)}`), {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
      keepalive: true,
    }).catch(() => undefined);
  }

  endpoint(path: string): string {
    const base = this.relayUrl.endsWith('/') ? this.relayUrl : `${this.relayUrl}/`;
    return new URL(path, base).href;
  }

  async #call<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await this.#fetchImpl(this.endpoint(path), init);
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new VoiceInterviewError(
        'relay-unreachable',
        `The relay at ${this.relayUrl} is unreachable`,
        true,
      );
    }
    if (response.ok) return (await response.json()) as T;
    throw await errorFromResponse(response);
  }
}

async function errorFromResponse(response: Response): Promise<VoiceInterviewError> {
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    if (body.error && typeof body.error.code === 'string') {
      return new VoiceInterviewError(body.error.code, body.error.message, body.error.retryable);
    }
  } catch {
    // Not our relay's JSON (a proxy's error page): fall through to the status.
  }
  const code: ErrorCode = response.status >= 500 ? 'upstream-unavailable' : 'bad-request';
  return new VoiceInterviewError(code, `The relay answered HTTP ${response.status}`, response.status >= 500);
}
