/**
 * JSX typings for `<voice-interview>` in React and Preact (TypeScript). Ships as `dist/esm/jsx.d.ts`;
 * add `import 'voice-interview/jsx'` (types only) to a .d.ts in your app.
 */
import type { VoiceInterview } from './voice-interview';

type VoiceInterviewAttributes = {
  relay?: string;
  interview: string;
  transport?: 'auto' | 'websocket' | 'sse';
  lang?: string;
  theme?: 'light' | 'dark' | 'auto';
  variant?: 'inline' | 'compact';
  'worklet-base-url'?: string;
  variables?: string;
  id?: string;
  class?: string;
  className?: string;
  style?: unknown;
  hidden?: boolean;
  key?: string | number;
  children?: never;
};

type WithElement = VoiceInterviewAttributes & { ref?: { current: VoiceInterview | null } | unknown };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'voice-interview': WithElement;
    }
  }
}

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'voice-interview': WithElement;
    }
  }
}

declare global {
  namespace JSX {
    interface IntrinsicElements {
      'voice-interview': WithElement;
    }
  }
}
