import { MicCheck } from './audio/mic-check';
import type { ReactiveController, ReactiveControllerHost } from './element-base';
import { asVoiceInterviewError, type VoiceInterviewError } from './errors';
import { CONSENT_KEY, consentHash, PREFLIGHT_KEY, recall, remember } from './site-memory';

/** `preflight`: the microphone check; `consent`: the notice; `declined`: consent was refused. */
export type StartStep = 'none' | 'preflight' | 'consent' | 'declined';

export interface StartFlowHost extends ReactiveControllerHost, HTMLElement {
  /** The site runs its own microphone check (`skip-preflight`). */
  skipPreflight: boolean;
  micConstraints: MediaTrackConstraints | undefined;
  /** The consent text the candidate sees now (slot, attribute or the localized default). */
  consentText(): string;
}

/**
 * Everything between a click on Start and the session: the pre-flight microphone check (skipped when the
 * site has its own, or the candidate passed it before on this site) and the consent notice (skipped when
 * this exact text was accepted before). No request reaches the relay until both are through.
 */
export class StartFlow implements ReactiveController {
  step: StartStep = 'none';
  check: MicCheck | undefined;
  checkError: VoiceInterviewError | null = null;
  #microphone = true;
  #deviceId: string | undefined;
  #settle: (() => void) | undefined;

  readonly #host: StartFlowHost;
  readonly #begin: (microphone: boolean, deviceId: string | undefined) => Promise<void>;

  constructor(
    host: StartFlowHost,
    begin: (microphone: boolean, deviceId: string | undefined) => Promise<void>,
  ) {
    this.#host = host;
    this.#begin = begin;
    host.addController(this);
  }

  /** The candidate passed the check before on this site. */
  get preflightRemembered(): boolean {
    return recall(PREFLIGHT_KEY) === '1';
  }

  /** Runs the steps still needed, then starts; resolves once started (or the candidate backed out). */
  request(microphone: boolean, forcePreflight = false): Promise<void> {
    this.#settle?.();
    const settled = new Promise<void>((resolve) => {
      this.#settle = resolve;
    });
    this.#microphone = microphone;
    this.checkError = null;
    const needCheck =
      microphone && (forcePreflight || (!this.#host.skipPreflight && !this.preflightRemembered));
    if (needCheck) this.#openCheck();
    else this.#afterCheck();
    return settled;
  }

  /** Pre-flight "Continue": keep the device that was checked, release the check, go on. */
  checked(): void {
    if (this.check?.heard) remember(PREFLIGHT_KEY, '1');
    this.#deviceId = this.check?.deviceId;
    this.#closeCheck();
    this.#afterCheck();
  }

  selectDevice(deviceId: string): void {
    this.check?.open(this.#host.micConstraints, deviceId).catch((error: unknown) => this.#checkFailed(error));
  }

  /** Pre-flight failed (no microphone): go on without one. */
  typeInstead(): void {
    this.#closeCheck();
    this.#microphone = false;
    this.#afterCheck();
  }

  accept(): void {
    remember(CONSENT_KEY, consentHash(this.#host.consentText()));
    this.#go();
  }

  decline(): void {
    this.#finish('declined');
  }

  cancel(): void {
    this.#finish('none');
  }

  hostDisconnected(): void {
    this.#finish('none');
  }

  #openCheck(): void {
    this.step = 'preflight';
    try {
      this.check = new MicCheck(() => this.#host.requestUpdate());
      this.check.open(this.#host.micConstraints).catch((error: unknown) => this.#checkFailed(error));
    } catch (error) {
      this.#checkFailed(error);
    }
    this.#host.requestUpdate();
  }

  #checkFailed(error: unknown): void {
    this.checkError = asVoiceInterviewError(error);
    this.#host.requestUpdate();
  }

  #afterCheck(): void {
    if (recall(CONSENT_KEY) === consentHash(this.#host.consentText())) this.#go();
    else {
      this.step = 'consent';
      this.#host.requestUpdate();
    }
  }

  /** Starts the session: called inside the click that got here, so the audio may start. */
  #go(): void {
    this.step = 'none';
    const settle = this.#settle;
    this.#settle = undefined;
    this.#host.requestUpdate();
    this.#begin(this.#microphone, this.#microphone ? this.#deviceId : undefined).finally(() => settle?.());
  }

  #finish(step: StartStep): void {
    this.#closeCheck();
    this.step = step;
    this.#settle?.();
    this.#settle = undefined;
    this.#host.requestUpdate();
  }

  #closeCheck(): void {
    this.check?.close();
    this.check = undefined;
  }
}
