import type { ErrorCode } from '../protocol/messages';

/** What an upstream (Gemini Live) close means for the session, and what the client is told. */
export interface UpstreamCloseVerdict {
  code: ErrorCode;
  message: string;
  /** True when the session should reconnect upstream with its resumption handle. */
  resumable: boolean;
}

/**
 * Maps a Gemini Live close code and reason to a typed client error. The upstream reason is never passed
 * through verbatim: it can name projects, keys or quotas. Only fixed, reviewed messages go to clients.
 */
export function classifyUpstreamClose(code: number, reason: string): UpstreamCloseVerdict {
  switch (code) {
    case 1000:
    case 1005:
      return { code: 'upstream-lost', message: 'The interviewer ended the connection.', resumable: true };
    case 1006:
      return {
        code: 'upstream-lost',
        message: 'The connection to the interviewer was lost.',
        resumable: true,
      };
    case 1007:
      return /api key|credential|auth/i.test(reason)
        ? {
            code: 'upstream-rejected',
            message: 'The relay is not authorised to reach the interviewer.',
            resumable: false,
          }
        : {
            code: 'upstream-rejected',
            message: 'The interviewer rejected the session settings.',
            resumable: false,
          };
    case 1008:
      if (/resumption handle/i.test(reason))
        return {
          code: 'upstream-handle-expired',
          message: 'The interviewer no longer has this conversation; it cannot be resumed.',
          resumable: false,
        };
      return {
        code: 'upstream-policy',
        message: 'The interviewer refused the session (policy).',
        resumable: false,
      };
    case 1011:
      return /deadline expired/i.test(reason)
        ? {
            code: 'upstream-unavailable',
            message: 'The interviewer connection reached its time limit.',
            resumable: true,
          }
        : {
            code: 'upstream-unavailable',
            message: 'The interviewer service is unavailable.',
            resumable: true,
          };
    case 1013:
      return {
        code: 'upstream-unavailable',
        message: 'The interviewer service is overloaded.',
        resumable: true,
      };
    default:
      return {
        code: 'upstream-unavailable',
        message: `The interviewer connection closed (${code}).`,
        resumable: false,
      };
  }
}
