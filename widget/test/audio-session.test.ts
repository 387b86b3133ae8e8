import { expect } from '@open-wc/testing';
import { InterviewAudio } from '../src/audio/interview-audio';
import { describe, it } from './harness/mocha';

/** Safari's `navigator.audioSession` (iOS 16.4+), which Chromium lacks: a stand-in with the same shape. */
function withAudioSession(run: (session: { type: string }) => void): void {
  const session = { type: 'auto' };
  Object.defineProperty(navigator, 'audioSession', { value: session, configurable: true });
  try {
    run(session);
  } finally {
    Reflect.deleteProperty(navigator, 'audioSession');
  }
}

describe('InterviewAudio and the iOS audio session', () => {
  it('plays and records in one session while the interview runs, and hands it back after', () => {
    withAudioSession((session) => {
      const audio = new InterviewAudio();
      expect(session.type).to.equal('play-and-record');
      audio.close();
      expect(session.type).to.equal('auto');
    });
  });

  it('leaves browsers without an audio session alone', () => {
    expect('audioSession' in navigator).to.equal(false);
    const audio = new InterviewAudio();
    audio.close();
    expect('audioSession' in navigator, 'no audio session invented').to.equal(false);
  });
});
