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
  if (!realtimeInputConfigValid(setup.realtimeInputConfig))
    return { ok: false, code: 1007, reason: REASON_INVALID_ARGUMENT };
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

const ENUMS: Record<string, readonly string[]> = {
  startOfSpeechSensitivity: [
    'START_SENSITIVITY_UNSPECIFIED',
    'START_SENSITIVITY_HIGH',
    'START_SENSITIVITY_LOW',
  ],
  endOfSpeechSensitivity: ['END_SENSITIVITY_UNSPECIFIED', 'END_SENSITIVITY_HIGH', 'END_SENSITIVITY_LOW'],
  activityHandling: ['ACTIVITY_HANDLING_UNSPECIFIED', 'START_OF_ACTIVITY_INTERRUPTS', 'NO_INTERRUPTION'],
  turnCoverage: [
    'TURN_COVERAGE_UNSPECIFIED',
    'TURN_INCLUDES_ONLY_ACTIVITY',
    'TURN_INCLUDES_ALL_INPUT',
    'TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO',
  ],
};
const AAD_FIELDS = new Set([
  'disabled',
  'startOfSpeechSensitivity',
  'endOfSpeechSensitivity',
  'prefixPaddingMs',
  'silenceDurationMs',
]);

/**
 * `realtimeInputConfig` as proto JSON parsing sees it: known fields only, enum names from the
 * `@google/genai` types, int32 milliseconds. Anything else is the service's 1007 invalid argument.
 */
function realtimeInputConfigValid(ric: unknown): boolean {
  if (ric === undefined) return true;
  if (!isObject(ric)) return false;
  for (const [key, value] of Object.entries(ric)) {
    if (key === 'automaticActivityDetection') {
      if (!isObject(value)) return false;
      for (const [field, v] of Object.entries(value)) {
        if (!AAD_FIELDS.has(field)) return false;
        if (field === 'disabled' && typeof v !== 'boolean') return false;
        if (field.endsWith('Ms') && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) < 2 ** 31))
          return false;
        if (field.endsWith('Sensitivity') && !ENUMS[field]?.includes(v as string)) return false;
      }
    } else if (!ENUMS[key]?.includes(value as string)) return false;
  }
  return true;
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
  /** The setup declares next_question: the fake announces each planned question through it. */
  nextQuestionTool: boolean;
  /** `automaticActivityDetection.silenceDurationMs`, when the setup sets it. */
  silenceDurationMs: number | undefined;
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
    nextQuestionTool: declaresFunction(setup, 'next_question'),
    silenceDurationMs: typeof aad.silenceDurationMs === 'number' ? aad.silenceDurationMs : undefined,
    systemInstructionChars: JSON.stringify(setup.systemInstruction ?? '').length,
  };
}
