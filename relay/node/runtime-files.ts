/**
 * Where the Node relay finds the files it reads at run time: the demo page and the widget bundle it serves,
 * and the simulated interviewer's lines and clips. Run from sources (`tsx relay/node/main.ts`, the tests) they
 * are the repository's own folders; in the production bundle (`npm run build:relay`, see
 * relay/node-tools/build-node-relay.ts) they are copies beside dist/relay/node.mjs, so that folder runs alone.
 */
import { fileURLToPath } from 'node:url';
import type { StaticRoots } from './static-assets';

/** What the production build puts beside the bundled entry (names relative to dist/relay/). */
export const BUILT_LAYOUT = {
  /** demo/ */
  demo: 'demo',
  /** The widget bundle and its worklets from dist/. */
  widget: 'widget',
  /** relay/fake-gemini/clips/ */
  clips: 'clips',
  /** relay/interviews/interviews.json (the simulator's lines). */
  interviews: 'interviews.json',
} as const;

/** `true` in the production bundle only: esbuild's `define` replaces this name; from sources it is undeclared. */
declare const VOICE_INTERVIEW_BUNDLE: boolean | undefined;
const bundled = typeof VOICE_INTERVIEW_BUNDLE !== 'undefined' && VOICE_INTERVIEW_BUNDLE === true;

/** A path relative to this module, which in the bundle is dist/relay/node.mjs itself. */
const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export interface RuntimeFiles {
  staticRoots: StaticRoots;
  /** What `startSimulator()` reads: the interview lines and the WAV clips that speak them. */
  simulator: { interviewsPath: string; clipsDir: string };
}

export const RUNTIME_FILES: RuntimeFiles = bundled
  ? {
      staticRoots: { demo: here(`./${BUILT_LAYOUT.demo}`), dist: here(`./${BUILT_LAYOUT.widget}`) },
      simulator: {
        interviewsPath: here(`./${BUILT_LAYOUT.interviews}`),
        clipsDir: here(`./${BUILT_LAYOUT.clips}`),
      },
    }
  : {
      staticRoots: { demo: here('../../demo'), dist: here('../../dist') },
      simulator: {
        interviewsPath: here('../interviews/interviews.json'),
        clipsDir: here('../fake-gemini/clips'),
      },
    };
