/**
 * The offline "simulated interviewer": asks the questions of the interview template named in the setup's
 * system instruction (a line `Interview template: <id>`, written by the relay), speaking the committed
 * espeak-ng clips and announcing each through `next_question`. It cannot understand answers, so it just
 * moves on to the next question; it does understand the relay's tagged control requests (turn-taking.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Interviewer, type InterviewerLine, spokenAnswerPlaceholder } from './interviewer';
import { synthesizeVoice } from './pcm';
import { parseWav } from './wav';

export const DEFAULT_INTERVIEWS_PATH = fileURLToPath(
  new URL('../interviews/interviews.json', import.meta.url),
);
export const DEFAULT_CLIPS_DIR = fileURLToPath(new URL('./clips', import.meta.url));

interface TemplateLines {
  id: string;
  /** The plan's questions in order, each with its topic. */
  questions: { question: string; topic: string }[];
  closing: string;
}

interface ClipManifest {
  sampleRate: number;
  clips: { index: number; text: string; file: string }[];
}

/** Finds `Interview template: <id>` in `setup.systemInstruction` (string or Content with text parts). */
export function templateIdFromSetup(setup: Record<string, unknown>): string | undefined {
  const text = systemInstructionText(setup.systemInstruction);
  return /^\s*Interview template:\s*(\S+)\s*$/m.exec(text)?.[1];
}

function systemInstructionText(si: unknown): string {
  if (typeof si === 'string') return si;
  if (si && typeof si === 'object' && 'parts' in si && Array.isArray(si.parts)) {
    return si.parts
      .map((p: unknown) =>
        p && typeof p === 'object' && 'text' in p && typeof p.text === 'string' ? p.text : '',
      )
      .join('\n');
  }
  return '';
}

export function loadTemplates(interviewsPath = DEFAULT_INTERVIEWS_PATH): TemplateLines[] {
  const doc = JSON.parse(readFileSync(interviewsPath, 'utf8')) as {
    interviews?: { id?: unknown; plan?: unknown; simulator?: { closing?: unknown } }[];
  };
  const out: TemplateLines[] = [];
  for (const t of doc.interviews ?? []) {
    const plan = t.plan;
    if (typeof t.id !== 'string' || !Array.isArray(plan)) continue;
    out.push({
      id: t.id,
      questions: plan.filter(
        (q): q is { question: string; topic: string } =>
          typeof q?.question === 'string' && typeof q.topic === 'string',
      ),
      closing: typeof t.simulator?.closing === 'string' ? t.simulator.closing : 'Thank you, that is all.',
    });
  }
  if (out.length === 0)
    throw new Error(`fake-gemini: no interview templates with simulator lines in ${interviewsPath}`);
  return out;
}

const clipCache = new Map<string, Uint8Array>();

/** Loads a template's clips by exact text, so an edited question never plays a stale clip. */
function loadClips(clipsDir: string, templateId: string): Map<string, Uint8Array> {
  const byText = new Map<string, Uint8Array>();
  let manifest: ClipManifest;
  try {
    manifest = JSON.parse(readFileSync(`${clipsDir}/${templateId}/manifest.json`, 'utf8')) as ClipManifest;
  } catch {
    return byText;
  }
  for (const clip of manifest.clips) {
    const path = `${clipsDir}/${templateId}/${clip.file}`;
    let pcm = clipCache.get(path);
    if (!pcm) {
      const wav = parseWav(new Uint8Array(readFileSync(path)));
      if (wav.sampleRate !== 24000)
        throw new Error(`fake-gemini: ${path} is ${wav.sampleRate} Hz, want 24000`);
      pcm = wav.data;
      clipCache.set(path, pcm);
    }
    byText.set(clip.text, pcm);
  }
  return byText;
}

export interface SimulatedInterviewerOptions {
  setup: Record<string, unknown>;
  interviewsPath?: string;
  clipsDir?: string;
  log?: (entry: Record<string, unknown>) => void;
}

export interface SimulatedInterviewer extends Interviewer {
  readonly templateId: string;
}

export function createSimulatedInterviewer(options: SimulatedInterviewerOptions): SimulatedInterviewer {
  const log = options.log ?? (() => {});
  const templates = loadTemplates(options.interviewsPath);
  const wanted = templateIdFromSetup(options.setup);
  const template = templates.find((t) => t.id === wanted) ?? (templates[0] as TemplateLines);
  if (wanted !== template.id) {
    log({ event: 'simulator.template-fallback', wanted: wanted ?? null, using: template.id });
  }
  const clips = loadClips(options.clipsDir ?? DEFAULT_CLIPS_DIR, template.id);
  const spoken = [
    ...template.questions.map((q, i) => ({ text: q.question, question: { number: i + 1, topic: q.topic } })),
    { text: template.closing },
  ];
  const lines: InterviewerLine[] = spoken.map((line) => {
    const audio = clips.get(line.text);
    if (!audio)
      log({
        event: 'simulator.clip-missing',
        template: template.id,
        text: line.text,
        hint: 'run make-clips.sh',
      });
    return { ...line, audio: audio ?? synthesizeVoice(line.text) };
  });
  return {
    templateId: template.id,
    length: lines.length,
    line: (index) => lines[index],
    hear: (_index, speechMs) => spokenAnswerPlaceholder(speechMs),
  };
}
