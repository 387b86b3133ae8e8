import { VoiceInterview } from './voice-interview';

export const TAG_NAME = 'voice-interview';

/**
 * Registers `<voice-interview>`. Safe to call any number of times and from two copies of the script:
 * the same version is a no-op, a different version keeps the first registration and warns. Does nothing
 * where there is no `customElements` (server-side rendering, workers).
 */
export function defineVoiceInterview(tagName: string = TAG_NAME): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tagName) as
    | (CustomElementConstructor & { version?: string })
    | undefined;
  if (!existing) {
    customElements.define(tagName, VoiceInterview);
    return;
  }
  if (existing !== VoiceInterview && existing.version !== VoiceInterview.version) {
    console.warn(
      `<${tagName}> is already defined by version ${existing.version ?? 'unknown'}; ` +
        `version ${VoiceInterview.version} was not registered. Load the script only once.`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'voice-interview': VoiceInterview;
  }
}
