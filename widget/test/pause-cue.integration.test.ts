/**
 * The "still listening — take your time" cue: shown while the candidate pauses mid-answer, gone when they
 * speak again or the turn ends. How the widget decides it: InterviewController.micLevelChanged (speech-level
 * microphone frames, then PAUSE_CUE_MS of quiet frames while the interviewer is silent).
 */
import { expect } from '@open-wc/testing';
import '../src/index';
import { SPEECH_LEVEL } from '../src/audio/mic-check';
import { en } from '../src/i18n/en';
import { InterviewController } from '../src/interview-controller';
import { waitFor, waitForAsync } from './harness/browser-probes';
import { button, mountInterview, turns } from './harness/interview-page';
import { describe, it } from './harness/mocha';
import { fakeEvents, fakeState, startHarness } from './harness/server';

const cueText = (root: ParentNode | null | undefined) =>
  root?.querySelector('[part~="cue"]')?.textContent?.trim() ?? '';

/** A stand-in element for the controller alone: it only needs to be told to update. */
function controllerHost() {
  const host = Object.assign(document.createElement('div'), {
    updates: 0,
    addController: () => undefined,
    removeController: () => undefined,
    requestUpdate() {
      host.updates++;
    },
    updateComplete: Promise.resolve(true),
  });
  return host;
}

describe('the "still listening" cue', () => {
  it("appears when the candidate's spoken answer pauses, and goes when they press I'm done", async () => {
    // The fake never ends an answer on silence here: only the relay's audioStreamEnd (I'm done) can.
    const harness = await startHarness({ endOfSpeechSilenceMs: 600_000 });
    const { el } = await mountInterview(harness.relayUrl);
    try {
      await el.start();
      // The fake microphone plays 1.5 s of silence, one sentence, then silence: the candidate pauses.
      await waitFor(() => cueText(el.shadowRoot) === en.stillListening, 'the cue during the pause', 20_000);
      const events = await fakeEvents(harness);
      expect(events, 'the candidate spoke before the pause').to.include('vad.speechStart');
      const heard = await fakeState(harness);
      expect(
        heard.spokenTurns.filter((turn) => turn.role === 'candidate'),
        'the answer is still open (the interviewer has not taken the turn)',
      ).to.deep.equal([]);
      expect(turns(el, 'interviewer')).to.have.length(1);

      button(el, "I'm done").click();
      await el.updateComplete;
      expect(cueText(el.shadowRoot), 'gone as soon as the turn ends').to.equal('');
      // audioStreamEnd reached the fake and flushed the answer, so the interviewer replies.
      await waitForAsync(
        async () => (await fakeState(harness)).spokenTurns.some((turn) => turn.role === 'candidate'),
        'the fake heard the answer end',
      );
      await waitFor(() => turns(el, 'interviewer').length === 2, "the interviewer's reply");
      expect(cueText(el.shadowRoot), 'no cue while the interviewer has the turn').to.equal('');
    } finally {
      el.remove();
    }
  });

  it('goes when the candidate speaks again or the interviewer starts, driven by microphone frames', async () => {
    const host = controllerHost();
    const controller = new InterviewController(host as never);
    controller.stateChanged('live', 'connecting');
    try {
      const frame = (level: number) => controller.micLevelChanged(level);
      /** Quiet frames, one per animation frame like the microphone's, until the controller calls it a pause. */
      const quietUntilPause = () =>
        new Promise<void>((resolve) => {
          const tick = () => {
            frame(0);
            if (controller.pausing) resolve();
            else requestAnimationFrame(tick);
          };
          tick();
        });
      // Quiet frames before any speech: no cue (the candidate has not started an answer).
      frame(0);
      expect(controller.pausing).to.equal(false);
      frame(SPEECH_LEVEL * 5);
      expect(controller.pausing, 'not while speaking').to.equal(false);
      await quietUntilPause();
      expect(controller.pausing).to.equal(true);
      frame(SPEECH_LEVEL * 5);
      expect(controller.pausing, 'the candidate speaks again').to.equal(false);

      await quietUntilPause();
      controller.speakingChanged(true);
      expect(controller.pausing, 'the interviewer took the turn').to.equal(false);
      frame(0);
      expect(controller.pausing, 'quiet while the interviewer speaks is no pause').to.equal(false);
    } finally {
      controller.stateChanged('ended', 'live');
    }
  });
});
