/**
 * Debian's Chromium as every browser run here launches it (tests, bench, screenshots): as root, offline,
 * autoplay allowed, and a fake microphone playing `fakeMicWav` (once, unless `loop`). No tool downloads a browser.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export function chromiumArgs(fakeMicWav: string, options: { loop?: boolean } = {}): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--autoplay-policy=no-user-gesture-required',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${fakeMicWav}${options.loop ? '' : '%noloop'}`,
  ];
}
