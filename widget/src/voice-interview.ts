import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { MAX_TEXT_ANSWER_CHARS } from '../../relay/protocol/index';
import { VoiceInterviewError } from './errors';
import { InterviewController } from './interview-controller';
import { reportCard } from './report/report-card';
import { reportCardStyles } from './report/report-card-styles';
import type { InterviewState } from './session/interview-session';
import { DEFAULT_RECONNECT_POLICY, type ReconnectPolicy } from './session/reconnect-policy';
import type { TransportKind, TransportPreference } from './session/transport';
import { voiceInterviewStyles } from './styles';
import { WIDGET_VERSION } from './version';
import { explainError } from './views/error-messages';
import { transcriptView } from './views/transcript-view';

export type VoiceInterviewTheme = 'light' | 'dark' | 'auto';
export type VoiceInterviewVariant = 'inline' | 'compact';

/** The relay this script was loaded from: `https://RELAY/voice-interview.js` -> `https://RELAY`. */
export function scriptOrigin(): string {
  return new URL(import.meta.url).origin;
}

function formatElapsed(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * A voice interview with an AI interviewer, in one element: microphone in, interviewer voice out, a live
 * transcript, a text box to answer by typing, and a feedback report at the end.
 *
 * @summary Embeddable voice interview backed by a key-keeping relay.
 * @tagname voice-interview
 *
 * @attr relay - Base URL of the relay. Defaults to the origin this script was loaded from.
 * @attr interview - Id of the interview template on the relay, e.g. `frontend-mid`. Required.
 * @attr transport - `auto` (default), `websocket` or `sse`.
 * @attr lang - Language of the element's content (standard HTML attribute).
 * @attr theme - `light` (default), `dark` or `auto` (follows prefers-color-scheme).
 * @attr variant - `inline` (default) or `compact`.
 * @attr worklet-base-url - Load the audio worklets from `<url>/capture.worklet.js` and
 *   `<url>/playback.worklet.js` instead of Blob URLs (for a strict CSP).
 * @attr variables - JSON object of template variables, e.g. `{"candidateName":"Ada"}`.
 * @attr state - Read-only, reflected: `idle`, `connecting`, `live`, `reconnecting`, `ended` or `error`.
 * @attr connected-via - Read-only, reflected: the transport of the current connection, `websocket` or `sse`
 *   (with `transport="auto"`, `sse` means the WebSocket was blocked). Kept while `reconnecting` (the last
 *   one); absent before the first connection and after the interview ends.
 *
 * @event vi-state - The state changed. `detail: { state, previous }`.
 * @event vi-transcript - A transcript turn started or changed. `detail: { role, turnId, text, final }`.
 * @event vi-error - The interview failed. `detail: { code, message, retryable }`.
 * @event vi-end - The interview ended. `detail: { reason, report }`.
 * @event vi-report - The end-of-interview report arrived (docs/report.md). `detail: { report }`.
 *
 * @csspart base - The outer box.
 * @csspart header - Title, badge, status and timer.
 * @csspart title - The interview title.
 * @csspart badge - The "Simulated interviewer" label.
 * @csspart status - The status line.
 * @csspart timer - The elapsed time.
 * @csspart transcript - The transcript log.
 * @csspart turn - One transcript turn (also `candidate-turn` or `interviewer-turn`).
 * @csspart answer-form - The typed-answer form.
 * @csspart answer-input - The typed-answer text box.
 * @csspart controls - The button row.
 * @csspart button - Every button (also `start-button`, `end-button`, `mute-button`, `send-button`).
 * @csspart meter - The microphone level meter.
 * @csspart error - The error message box.
 * @csspart report - The feedback report card.
 * @csspart practice-button - The report card's "Practice again" button (also `button`).
 *
 * @cssproperty --vi-background - Background colour.
 * @cssproperty --vi-foreground - Text colour.
 * @cssproperty --vi-muted - Secondary text colour.
 * @cssproperty --vi-border - Border colour.
 * @cssproperty --vi-accent - Buttons and highlights.
 * @cssproperty --vi-accent-foreground - Text on accent-coloured buttons.
 * @cssproperty --vi-danger - Errors and the end button.
 * @cssproperty --vi-candidate-background - Background of the candidate's turns.
 * @cssproperty --vi-interviewer-background - Background of the interviewer's turns.
 * @cssproperty --vi-focus-ring - Keyboard focus outline colour.
 * @cssproperty --vi-radius - Corner radius of the outer box.
 * @cssproperty --vi-font-family - Font family.
 * @cssproperty --vi-font-size - Base font size.
 * @cssproperty --vi-transcript-height - Maximum height of the transcript before it scrolls.
 */
export class VoiceInterview extends LitElement {
  static override styles = [voiceInterviewStyles, reportCardStyles];
  /** Version of this copy of the element; `define()` compares it when the tag is already taken. */
  static readonly version = WIDGET_VERSION;
  static override properties = {
    relay: { type: String },
    interview: { type: String },
    transport: { type: String },
    theme: { type: String, reflect: true },
    variant: { type: String, reflect: true },
    workletBaseUrl: { type: String, attribute: 'worklet-base-url' },
    variables: { type: Object },
    micConstraints: { attribute: false },
    reconnectPolicy: { attribute: false },
  };

  /** Base URL of the relay; defaults to the origin this script came from. */
  declare relay: string | undefined;
  /** Interview template id. */
  declare interview: string | undefined;
  declare transport: TransportPreference;
  declare theme: VoiceInterviewTheme;
  declare variant: VoiceInterviewVariant;
  /** Where to load self-hosted worklet scripts from (strict CSP); unset: bundled Blob URLs. */
  declare workletBaseUrl: string | undefined;
  /** Template variables sent when the session is created. */
  declare variables: Record<string, string> | undefined;
  /** Overrides merged over the default microphone constraints (echo cancellation, noise suppression, AGC). */
  declare micConstraints: MediaTrackConstraints | undefined;
  /**
   * Advanced: overrides merged over the reconnect policy (backoff, attempts, timeouts, `silenceTimeoutMs`
   * — how long the relay may stay silent before the connection counts as dead). Leave unset normally.
   */
  declare reconnectPolicy: Partial<ReconnectPolicy> | undefined;

  private readonly controller = new InterviewController(this);
  private renderedState: InterviewState = 'idle';

  constructor() {
    super();
    this.transport = 'auto';
    this.theme = 'light';
    this.variant = 'inline';
  }

  /** The interview's state, reflected as the `state` attribute. */
  get state(): InterviewState {
    return this.controller.state;
  }

  /** The transport of the current connection, reflected as the `connected-via` attribute; null when none. */
  get connectedVia(): TransportKind | null {
    return this.controller.connectedVia;
  }

  /** Starts an interview. Call it from a user gesture (a click) so audio may play. */
  start(): Promise<void> {
    return this.startSession(true);
  }

  /** Ends the interview; the feedback report follows. */
  end(): void {
    this.controller.end();
  }

  mute(): void {
    this.controller.setMuted(true);
  }

  unmute(): void {
    this.controller.setMuted(false);
  }

  private startSession(microphone: boolean): Promise<void> {
    if (!this.interview) {
      throw new VoiceInterviewError('bad-request', 'Set the interview attribute before starting');
    }
    return this.controller.start({
      relayUrl: this.relay || scriptOrigin(),
      interview: this.interview,
      variables: this.variables,
      transport: this.transport,
      microphone,
      micConstraints: this.micConstraints,
      workletBaseUrl: this.workletBaseUrl,
      ...(this.reconnectPolicy ? { policy: { ...DEFAULT_RECONNECT_POLICY, ...this.reconnectPolicy } } : {}),
    });
  }

  protected override willUpdate(): void {
    if (this.getAttribute('state') !== this.state) this.setAttribute('state', this.state);
  }

  protected override updated(): void {
    if (this.state === this.renderedState) return;
    this.renderedState = this.state;
    // The button that had focus may be gone: put focus on its replacement, unless it is elsewhere on the page.
    const focusLost = document.activeElement === document.body || document.activeElement === this;
    if (focusLost && !this.shadowRoot?.activeElement) {
      this.shadowRoot?.querySelector<HTMLElement>(this.controller.isActive ? '.end' : '.start')?.focus();
    }
  }

  protected override render(): TemplateResult {
    const c = this.controller;
    const title = c.interview?.title ?? 'Voice interview';
    return html`<section part="base" class="base" aria-label=${title}>
      <header part="header">
        <h2 part="title">${title}</h2>
        ${c.simulated ? html`<span part="badge" class="badge">Simulated interviewer</span>` : nothing}
      </header>
      <div part="status" class="status ${c.speaking ? 'speaking' : ''}">
        <span class="dot"></span>
        <span role="status">${this.statusText()}</span>
        ${
          c.wentLive
            ? html`<span part="timer" class="timer" role="timer" aria-label="Elapsed time"
              >${formatElapsed(c.elapsedSeconds)}</span
            >`
            : nothing
        }
      </div>
      ${
        c.state === 'idle'
          ? html`<p class="intro">
            Talk with an AI interviewer using your microphone, or type your answers. You get feedback at the end.
          </p>`
          : nothing
      }
      ${c.isActive || c.turns.length > 0 ? transcriptView(c.turns, 'The interviewer will start in a moment.') : nothing}
      ${c.state === 'live' && !c.ending ? this.answerForm() : nothing}
      ${c.error ? this.errorView(c.error) : nothing} ${c.report && !c.isActive ? reportCard(c.report, { practiceAgain: () => this.startFromClick(true) }) : nothing}
      <div part="controls" class="controls">${this.controls()}</div>
    </section>`;
  }

  private statusText(): string {
    const c = this.controller;
    switch (c.state) {
      case 'idle':
        return 'Ready when you are';
      case 'connecting':
        return 'Connecting…';
      case 'live':
        if (c.ending) return 'Ending the interview and preparing your feedback…';
        if (c.speaking) return 'Interviewer is speaking';
        return c.muted ? 'Microphone muted: type your answer' : 'Listening';
      case 'reconnecting':
        return 'Connection lost, reconnecting…';
      case 'ended':
        return 'Interview ended';
      case 'error':
        return 'Interview stopped';
    }
  }

  private controls(): TemplateResult {
    const c = this.controller;
    if (!c.isActive && c.report) return html``; // the report card has "Practice again"
    if (!c.isActive) {
      const offerTyping = c.error ? explainError(c.error.code, c.error.retryable).offerTyping : false;
      return html`<button part="button start-button" class="primary start" ?disabled=${!this.interview}
        @click=${() => this.startFromClick(true)}>Start interview</button>
        ${
          offerTyping
            ? html`<button part="button" @click=${() => this.startFromClick(false)}>Continue by typing</button>`
            : nothing
        }`;
    }
    const muteLabel = c.muted ? 'Unmute microphone' : 'Mute microphone';
    return html`${
      c.hasMicrophone || c.state === 'connecting'
        ? html`<button part="button mute-button" class="mute" ?disabled=${c.ending}
            @click=${() => (c.muted ? this.unmute() : this.mute())}>${muteLabel}</button>
          <span part="meter" class="meter" aria-hidden="true"><span style=${styleMap({ '--level': c.muted ? 0 : Math.min(1, c.micLevel * 4) })}></span></span>`
        : nothing
    }
      <button part="button end-button" class="danger end" ?disabled=${c.ending} @click=${() => this.end()}>
        End interview
      </button>`;
  }

  private answerForm(): TemplateResult {
    const submit = (event: SubmitEvent) => {
      event.preventDefault();
      const input = (event.currentTarget as HTMLFormElement).elements.namedItem('answer') as HTMLInputElement;
      const text = input.value.trim();
      if (text === '') return;
      this.controller.sendText(text);
      input.value = '';
    };
    return html`<form part="answer-form" @submit=${submit}>
      <input part="answer-input" name="answer" type="text" autocomplete="off" maxlength=${MAX_TEXT_ANSWER_CHARS}
        aria-label="Type your answer" placeholder="Type your answer…" />
      <button part="button send-button" type="submit">Send</button>
    </form>`;
  }

  private errorView(error: VoiceInterviewError): TemplateResult {
    const explanation = explainError(error.code, error.retryable);
    return html`<div part="error" class="error" role="alert">
      <h3>${explanation.title}</h3>
      <p>${explanation.body}</p>
    </div>`;
  }

  private startFromClick(microphone: boolean): void {
    this.startSession(microphone).catch((error: unknown) => {
      console.error('voice-interview: could not start', error);
    });
  }
}
