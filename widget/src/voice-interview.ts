import { html, nothing, type TemplateResult } from 'lit/html.js';
import { MAX_TEXT_ANSWER_CHARS } from '../../relay/protocol/index';
import { ElementBase, type PropertyOptions } from './element-base';
import { VoiceInterviewError } from './errors';
import { Localized, resolveLang, type UiStrings } from './i18n/localize';
import { InterviewController } from './interview-controller';
import { reportCard } from './report/report-card';
import { reportCardStyles } from './report/report-card-styles';
import type { InterviewState } from './session/interview-session';
import { DEFAULT_RECONNECT_POLICY, type ReconnectPolicy } from './session/reconnect-policy';
import type { TransportKind, TransportPreference } from './session/transport';
import { StartFlow } from './start-flow';
import { voiceInterviewStyles } from './styles';
import { WIDGET_VERSION } from './version';
import { explainError } from './views/error-messages';
import { candidateControls, noticesView, progressView, timerView } from './views/live-view';
import { consentView, meter, preflightView } from './views/start-views';
import { transcriptView } from './views/transcript-view';

export type VoiceInterviewTheme = 'light' | 'dark' | 'auto';
export type VoiceInterviewVariant = 'inline' | 'compact';

/** The relay this script was loaded from: `https://RELAY/voice-interview.js` -> `https://RELAY`. */
export function scriptOrigin(): string {
  return new URL(import.meta.url).origin;
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
 * @attr lang - Language of the UI: `en`, `de`, `es` or `fr` (others fall back to English). Unset: the nearest
 *   ancestor's `lang`, else the document's.
 * @attr skip-preflight - The site runs its own microphone check: Start skips the pre-flight check.
 * @attr consent-text - Replaces the default consent text (a `slot="consent"` child wins over it). Accepting
 *   is remembered per site for this exact text.
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
 * @event vi-notice - The relay told the candidate something (reconnecting, resumed, audio gap, report
 *   unavailable, time warning, time up). `detail: { code, message }`.
 *
 * @slot consent - Your own consent text, shown instead of the default before the first interview.
 *
 * @csspart base - The outer box.
 * @csspart header - Title, badge, status and timer.
 * @csspart title - The interview title.
 * @csspart badge - The "Simulated interviewer" label.
 * @csspart status - The status line.
 * @csspart timer - The time remaining (the elapsed time until the relay says).
 * @csspart progress - "Question k of n" and the topic.
 * @csspart notice - The latest notice from the relay (`data-code` says which).
 * @csspart cue - The "still listening" cue while the candidate pauses.
 * @csspart continuation - The offer to continue after the interviewer lost the conversation (`continuation-button`).
 * @csspart candidate-controls - The Repeat / Skip / I'm done row (buttons `repeat-button`, `skip-button`,
 *   `done-button`).
 * @csspart preflight - The pre-flight microphone check (`device-select`, `continue-button`).
 * @csspart consent - The consent notice (`accept-button`, `decline-button`).
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
export class VoiceInterview extends ElementBase {
  static override styles = [voiceInterviewStyles, reportCardStyles];
  /** Version of this copy of the element; `define()` compares it when the tag is already taken. */
  static readonly version = WIDGET_VERSION;
  static override properties: Record<string, PropertyOptions> = {
    relay: { type: String },
    interview: { type: String },
    transport: { type: String },
    theme: { type: String, reflect: true },
    variant: { type: String, reflect: true },
    workletBaseUrl: { type: String, attribute: 'worklet-base-url' },
    variables: { type: Object },
    micConstraints: { attribute: false },
    reconnectPolicy: { attribute: false },
    lang: { type: String, reflect: true },
    skipPreflight: { type: Boolean, attribute: 'skip-preflight' },
    consentTextAttribute: { type: String, attribute: 'consent-text' },
    strings: { attribute: false },
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
  /** Language of the UI (`en`, `de`, `es`, `fr`; others fall back to English); else the nearest `lang` above. */
  declare lang: string;
  /** The site runs its own microphone check: Start goes straight to consent (or the interview). */
  declare skipPreflight: boolean;
  /** Replaces the default consent text (a `slot="consent"` child wins over it). */
  declare consentTextAttribute: string | undefined;
  /** Overrides any UI string by key (docs/widget.md lists them), in every language. */
  declare strings: Partial<UiStrings> | undefined;

  readonly #controller = new InterviewController(this);
  readonly #flow = new StartFlow(this, (microphone, deviceId) => this.#startSession(microphone, deviceId));
  #renderedView = 'idle/none';
  #cachedLocale: { lang: string; strings: unknown; value: Localized } | undefined;

  constructor() {
    super();
    this.transport = 'auto';
    this.theme = 'light';
    this.variant = 'inline';
    this.skipPreflight = false;
  }

  /** The interview's state, reflected as the `state` attribute. */
  get state(): InterviewState {
    return this.#controller.state;
  }

  /** The transport of the current connection, reflected as the `connected-via` attribute; null when none. */
  get connectedVia(): TransportKind | null {
    return this.#controller.connectedVia;
  }

  /**
   * Starts an interview: first the pre-flight check and the consent notice where they are still needed
   * (resolves once the session started, or the candidate cancelled or declined). Call it from a user gesture
   * (a click) so audio may play.
   */
  start(): Promise<void> {
    this.#requireInterview();
    return this.#flow.request(true);
  }

  /** Ends the interview; the feedback report follows. */
  end(): void {
    this.#controller.end();
  }

  mute(): void {
    this.#controller.setMuted(true);
  }

  unmute(): void {
    this.#controller.setMuted(false);
  }

  #requireInterview(): string {
    if (!this.interview) {
      throw new VoiceInterviewError('bad-request', 'Set the interview attribute before starting');
    }
    return this.interview;
  }

  #startSession(microphone: boolean, deviceId: string | undefined): Promise<void> {
    const interview = this.#requireInterview();
    const micConstraints = deviceId
      ? { ...this.micConstraints, deviceId: { exact: deviceId } }
      : this.micConstraints;
    return this.#controller.start({
      relayUrl: this.relay || scriptOrigin(),
      interview,
      variables: this.variables,
      transport: this.transport,
      microphone,
      micConstraints,
      workletBaseUrl: this.workletBaseUrl,
      ...(this.reconnectPolicy ? { policy: { ...DEFAULT_RECONNECT_POLICY, ...this.reconnectPolicy } } : {}),
    });
  }

  protected override willUpdate(): void {
    if (this.getAttribute('state') !== this.state) this.setAttribute('state', this.state);
  }

  protected override updated(): void {
    const view = `${this.state}/${this.#flow.step}`;
    if (view === this.#renderedView) return;
    this.#renderedView = view;
    // The button that had focus may be gone: put focus on its replacement, unless it is elsewhere on the page.
    const focusLost = document.activeElement === document.body || document.activeElement === this;
    if (focusLost && !this.shadowRoot?.activeElement) {
      const target = this.#controller.isActive
        ? '.end'
        : (({ preflight: '.continue', consent: '.accept' } as Record<string, string>)[this.#flow.step] ??
          '.start');
      this.shadowRoot?.querySelector<HTMLElement>(target)?.focus();
    }
  }

  protected override render(): TemplateResult {
    const c = this.#controller;
    const l = this.#localized();
    const t = l.t;
    const step = this.#flow.step;
    const title = c.interview?.title ?? t.title;
    return html`<section part="base" class="base" aria-label=${title}>
      <header part="header">
        <h2 part="title">${title}</h2>
        ${c.simulated ? html`<span part="badge" class="badge">${t.simulated}</span>` : nothing}
      </header>
      <div part="status" class="status ${c.speaking ? 'speaking' : ''}">
        <span class="dot"></span>
        <span role="status">${this.#statusText(t)}</span>
        ${timerView(c, l)}
      </div>
      ${progressView(c, l)}
      ${step === 'preflight' ? preflightView(this.#flow, t) : nothing}
      ${step === 'consent' ? consentView(this.#flow, t, this.consentText()) : nothing}
      ${c.state === 'idle' && step !== 'preflight' && step !== 'consent' ? html`<p class="intro">${step === 'declined' ? t.declined : t.intro}</p>` : nothing}
      ${c.isActive || c.turns.length > 0 ? transcriptView(c.turns, t) : nothing}
      ${c.isActive ? noticesView(c, l) : nothing}
      ${c.state === 'live' && !c.ending ? this.#answerForm(t) : nothing}
      ${c.error ? this.#errorView(c.error, t) : nothing}
      ${c.report && !c.isActive ? reportCard(c.report, { practiceAgain: () => this.#startFromClick(true) }, l) : nothing}
      ${c.state === 'live' ? candidateControls(c, l) : nothing}
      ${step === 'preflight' || step === 'consent' ? nothing : html`<div part="controls" class="controls">${this.#controls(t)}</div>`}
    </section>`;
  }

  /** The consent text the candidate is shown: the `slot="consent"` content, `consent-text`, or the default. */
  consentText(): string {
    const slotted = this.querySelector(':scope > [slot="consent"]')?.textContent?.trim();
    return slotted || this.getAttribute('consent-text') || this.#localized().t.consentText;
  }

  #localized(): Localized {
    const lang = resolveLang(this);
    if (this.#cachedLocale?.lang !== lang || this.#cachedLocale.strings !== this.strings) {
      this.#cachedLocale = { lang, strings: this.strings, value: new Localized(lang, this.strings) };
    }
    return this.#cachedLocale.value;
  }

  #statusText(t: UiStrings): string {
    const c = this.#controller;
    switch (c.state) {
      case 'idle':
        return t.ready;
      case 'connecting':
        return t.connecting;
      case 'live':
        if (c.ending) return t.ending;
        if (c.speaking) return t.speaking;
        return c.muted ? t.mutedStatus : t.listening;
      case 'reconnecting':
        return t.reconnecting;
      case 'ended':
        return t.ended;
      case 'error':
        return t.stopped;
    }
  }

  #controls(t: UiStrings): TemplateResult {
    const c = this.#controller;
    if (!c.isActive && c.report) return html``; // the report card has "Practice again"
    if (!c.isActive) {
      const offerTyping = c.error ? explainError(c.error.code, c.error.retryable, t).offerTyping : false;
      const offerCheck = this.#flow.preflightRemembered && !this.skipPreflight;
      return html`<button part="button start-button" class="primary start" ?disabled=${!this.interview}
        @click=${() => this.#startFromClick(true)}>${t.start}</button>
        ${
          offerTyping
            ? html`<button part="button" @click=${() => this.#startFromClick(false)}>${t.typeInstead}</button>`
            : nothing
        }
        ${
          offerCheck
            ? html`<button part="button check-button" ?disabled=${!this.interview}
              @click=${() => this.#startFromClick(true, true)}>${t.checkMic}</button>`
            : nothing
        }`;
    }
    return html`${
      c.hasMicrophone || c.state === 'connecting'
        ? html`<button part="button mute-button" class="mute" ?disabled=${c.ending}
            @click=${() => (c.muted ? this.unmute() : this.mute())}>${c.muted ? t.unmute : t.mute}</button>
          ${meter(c.muted ? 0 : c.micLevel)}`
        : nothing
    }
      <button part="button end-button" class="danger end" ?disabled=${c.ending} @click=${() => this.end()}>
        ${t.end}
      </button>`;
  }

  #answerForm(t: UiStrings): TemplateResult {
    const submit = (event: SubmitEvent) => {
      event.preventDefault();
      const input = (event.currentTarget as HTMLFormElement).elements.namedItem('answer') as HTMLInputElement;
      const text = input.value.trim();
      if (text === '') return;
      this.#controller.sendText(text);
      input.value = '';
    };
    return html`<form part="answer-form" @submit=${submit}>
      <input part="answer-input" name="answer" type="text" autocomplete="off" maxlength=${MAX_TEXT_ANSWER_CHARS}
        aria-label=${t.answerLabel} placeholder=${t.answerPlaceholder} />
      <button part="button send-button" type="submit">${t.send}</button>
    </form>`;
  }

  #errorView(error: VoiceInterviewError, t: UiStrings): TemplateResult {
    const explanation = explainError(error.code, error.retryable, t);
    return html`<div part="error" class="error" role="alert">
      <h3>${explanation.title}</h3>
      <p>${explanation.body}</p>
    </div>`;
  }

  #startFromClick(microphone: boolean, forcePreflight = false): void {
    this.#flow.request(microphone, forcePreflight).catch((error: unknown) => {
      console.error('voice-interview: could not start', error);
    });
  }
}
