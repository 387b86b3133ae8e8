/**
 * Checks the first client frame the way the real service does (gemini-live.md 3.8): the upgrade has
 * already succeeded, so every failure is a close code plus a reason, never an HTTP status.
 */

export const REASON_INVALID_ARGUMENT = 'Request contains an invalid argument.';
export const REASON_BAD_API_KEY = 'API key not valid. Please pass a valid API key.';
export const REASON_DEADLINE = 'Deadline expired before operation could complete.';
export const REASON_INTERNAL = 'Internal error encountered.';
/** [UNVERIFIED] The real service's code and text for an unknown or expired handle are not documented. */
export const REASON_UNKNOWN_HANDLE = 'Session resumption handle is invalid or expired.';

export type SetupCheck =
  | { ok: true; setup: Record<string, unknown>; modality: 'AUDIO' | 'TEXT' }
  | { ok: false; code: number; reason: string };

export function validateSetup(
  frame: Record<string, unknown>,
  apiVersion: string,
  apiKeyValid: boolean,
): SetupCheck {
  const setup = frame.setup;
  if (!isObject(setup)) return { ok: false, code: 1007, reason: REASON_INVALID_ARGUMENT };
  if (!apiKeyValid) return { ok: false, code: 1007, reason: REASON_BAD_API_KEY };
  const model = setup.model;
  if (typeof model !== 'string' || !model.startsWith('models/')) {
    const name = typeof model === 'string' ? model : '';
    return {
      ok: false,
      code: 1008,
      reason: `${name} is not found for API version ${apiVersion}, or is not supported for bidiGenerateContent. Call ListModels to see the list of available models and their supported methods.`,
    };
  }
  const gc = setup.generationConfig;
  const modalities = isObject(gc) ? gc.responseModalities : undefined;
  // A setup without responseModalities is accepted: real recordings show setupComplete for it.
  if (modalities === undefined) return { ok: true, setup, modality: 'AUDIO' };
  if (
    !Array.isArray(modalities) ||
    modalities.length !== 1 ||
    (modalities[0] !== 'AUDIO' && modalities[0] !== 'TEXT')
  ) {
    return { ok: false, code: 1007, reason: REASON_INVALID_ARGUMENT };
  }
  return { ok: true, setup, modality: modalities[0] };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when `setup.tools[].functionDeclarations` declares a function with this name. */
export function declaresFunction(setup: Record<string, unknown>, name: string): boolean {
  const tools = Array.isArray(setup.tools) ? setup.tools : [];
  return tools.some(
    (t: unknown) =>
      isObject(t) &&
      Array.isArray(t.functionDeclarations) &&
      t.functionDeclarations.some((f: unknown) => isObject(f) && f.name === name),
  );
}

export interface SessionFeatures {
  resumption: boolean;
  resumeHandle: string | undefined;
  inputTranscription: boolean;
  outputTranscription: boolean;
  /** `automaticActivityDetection.disabled`: the client marks turns with activityStart/End. */
  manualActivity: boolean;
  /** `activityHandling: NO_INTERRUPTION`: speech does not cut the model off. */
  bargeIn: boolean;
  endInterviewTool: boolean;
  systemInstructionChars: number;
}

export function sessionFeatures(setup: Record<string, unknown>): SessionFeatures {
  const sr = setup.sessionResumption;
  const ric = isObject(setup.realtimeInputConfig) ? setup.realtimeInputConfig : {};
  const aad = isObject(ric.automaticActivityDetection) ? ric.automaticActivityDetection : {};
  return {
    resumption: isObject(sr),
    resumeHandle: isObject(sr) && typeof sr.handle === 'string' && sr.handle !== '' ? sr.handle : undefined,
    inputTranscription: isObject(setup.inputAudioTranscription),
    outputTranscription: isObject(setup.outputAudioTranscription),
    manualActivity: aad.disabled === true,
    bargeIn: ric.activityHandling !== 'NO_INTERRUPTION',
    endInterviewTool: declaresFunction(setup, 'end_interview'),
    systemInstructionChars: JSON.stringify(setup.systemInstruction ?? '').length,
  };
}
