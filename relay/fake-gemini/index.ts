/**
 * Fake Gemini Live server (tests) and offline simulated interviewer (`npm start` without GEMINI_API_KEY).
 * Node only. See README.md in this folder.
 */

export { EnergyVad, type EnergyVadOptions, type VadEvent } from './energy-vad';
export { startFakeGemini, startSimulator } from './fake-gemini-server';
export { buildFeedbackReport, type GradeAnswer, parseReportPrompt } from './feedback-report';
export { makeSilencePcm, makeSpeechPcm, synthesizeVoice } from './pcm';
export { DEFAULT_SCRIPT } from './scripted-interviewer';
export { loadTemplates, templateIdFromSetup } from './simulated-interviewer';
export type {
  FakeConnection,
  FakeConversation,
  FakeGemini,
  FakeGeminiOptions,
  RestRequest,
  ScriptedGeneration,
  ScriptedTurn,
  SpokenTurn,
} from './types';
export { parseWav, type WavPcm } from './wav';
export { encodeServerMessage, MAX_CLOSE_REASON_BYTES, truncateCloseReason } from './wire';
