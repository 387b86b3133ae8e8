import { css } from './element-base';

/** The dark theme's colours, used by `theme="dark"` and by `theme="auto"` on a dark system. */
const darkPalette = css`
  --_bg: var(--vi-background, #16181d);
  --_fg: var(--vi-foreground, #e6e8eb);
  --_muted: var(--vi-muted, #a3abb5);
  --_border: var(--vi-border, #3a404a);
  --_accent: var(--vi-accent, #6cb0ff);
  --_accent-fg: var(--vi-accent-foreground, #0b1a2c);
  --_danger: var(--vi-danger, #ff8a80);
  --_candidate-bg: var(--vi-candidate-background, #1c3550);
  --_interviewer-bg: var(--vi-interviewer-background, #252a31);
  --_focus: var(--vi-focus-ring, #6cb0ff);
  --_ok: #4ac26b;
  --_warn: #e3b341;
`;

/**
 * Everything is scoped to the shadow root. Colours pass WCAG AA on their backgrounds in both themes;
 * hosts restyle through the --vi-* custom properties and ::part().
 */
export const voiceInterviewStyles = css`
  :host {
    --_bg: var(--vi-background, #ffffff);
    --_fg: var(--vi-foreground, #1f2328);
    --_muted: var(--vi-muted, #57606a);
    --_border: var(--vi-border, #d0d7de);
    --_accent: var(--vi-accent, #0b5cad);
    --_accent-fg: var(--vi-accent-foreground, #ffffff);
    --_danger: var(--vi-danger, #b42318);
    --_candidate-bg: var(--vi-candidate-background, #eaf2fb);
    --_interviewer-bg: var(--vi-interviewer-background, #f3f4f6);
    --_focus: var(--vi-focus-ring, #0b5cad);
    --_ok: #1a7f37;
    --_warn: #9a6700;
    --_radius: var(--vi-radius, 12px);
    display: block;
    container-type: inline-size;
    min-width: 280px;
    max-width: 100%;
    box-sizing: border-box;
    color: var(--_fg);
    font: 400 var(--vi-font-size, 15px) / 1.45 var(--vi-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    text-align: start;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${darkPalette}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkPalette}
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding: 16px;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 10px;
  }
  h2 {
    flex: 1 1 12em;
    margin: 0;
    font-size: 1.05em;
    font-weight: 600;
  }
  h3,
  h4 {
    margin: 0.6em 0 0.3em;
    font-size: 1em;
  }
  .badge {
    padding: 1px 8px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    color: var(--_muted);
    font-size: 0.8em;
  }
  .status {
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .dot {
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--_border);
    /* Its own layer: the pulse is composited, not repainted on the main thread every frame. */
    will-change: opacity;
  }
  :host([state='live']) .dot {
    background: #1a7f37;
  }
  :host([state='connecting']) .dot,
  :host([state='reconnecting']) .dot {
    background: #9a6700;
    animation: pulse 1s ease-in-out infinite alternate;
  }
  :host([state='error']) .dot {
    background: var(--_danger);
  }
  :host([state='live']) .speaking .dot {
    background: var(--_accent);
    animation: pulse 0.6s ease-in-out infinite alternate;
  }
  @keyframes pulse {
    to {
      opacity: 0.35;
    }
  }
  .timer {
    margin-inline-start: auto;
    font-variant-numeric: tabular-nums;
  }
  .intro {
    margin: 0;
    color: var(--_muted);
  }
  .transcript {
    display: flex;
    flex-direction: column;
    gap: 8px;
    max-height: var(--vi-transcript-height, 320px);
    min-height: 4em;
    overflow-y: auto;
    padding: 2px;
  }
  .placeholder {
    margin: 0;
    color: var(--_muted);
  }
  .turn {
    max-width: 88%;
    margin: 0;
    padding: 8px 12px;
    border-radius: 10px;
    background: var(--_interviewer-bg);
  }
  .turn.candidate {
    align-self: flex-end;
    background: var(--_candidate-bg);
  }
  .turn[data-final='false'] .text::after {
    content: ' …';
    color: var(--_muted);
  }
  .speaker {
    display: block;
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 600;
  }
  form {
    display: flex;
    gap: 8px;
  }
  input {
    flex: 1 1 auto;
    min-width: 0;
    padding: 8px 10px;
    border: 1px solid var(--_muted);
    border-radius: 8px;
    background: var(--_bg);
    color: var(--_fg);
    font: inherit;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
  button {
    padding: 8px 14px;
    border: 1px solid var(--_accent);
    border-radius: 8px;
    background: transparent;
    color: var(--_accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_accent-fg);
  }
  button.danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  button:focus-visible,
  input:focus-visible,
  .transcript:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .meter {
    flex: 0 0 64px;
    height: 6px;
    border-radius: 3px;
    background: var(--_border);
    overflow: hidden;
  }
  .meter > span {
    display: block;
    height: 100%;
    width: 100%;
    background: var(--_ok);
    transform-origin: left;
    transform: scaleX(var(--level, 0));
  }
  .panel {
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .panel h3,
  .panel p {
    margin: 0;
  }
  .check.heard {
    color: var(--_ok);
    font-weight: 600;
  }
  .check.heard::before {
    content: '✓ ';
  }
  .panel .meter {
    display: block;
    flex: none;
    width: 100%;
    max-width: 320px;
    height: 10px;
    border-radius: 5px;
  }
  .tip,
  .topic {
    color: var(--_muted);
    font-size: 0.9em;
  }
  select {
    display: block;
    margin-top: 4px;
    max-width: 100%;
    padding: 6px 8px;
    border: 1px solid var(--_muted);
    border-radius: 8px;
    background: var(--_bg);
    color: var(--_fg);
    font: inherit;
  }
  .consent-text {
    max-height: 14em;
    overflow-y: auto;
  }
  .progress {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 10px;
    align-items: baseline;
    margin: 0;
  }
  .notice {
    margin: 0;
    padding: 8px 12px;
    border-inline-start: 4px solid var(--_accent);
    border-radius: 6px;
    background: var(--_interviewer-bg);
  }
  .notice.time,
  .timer.low {
    border-color: var(--_warn);
    color: var(--_warn);
    font-weight: 600;
  }
  .cue {
    margin: 0;
    min-height: 1.45em;
    color: var(--_muted);
    font-style: italic;
  }
  .error {
    padding: 12px;
    border: 1px solid var(--_danger);
    border-radius: 8px;
  }
  .error h3 {
    margin-top: 0;
    color: var(--_danger);
  }
  .error p {
    margin: 0;
  }
  :host([variant='compact']) .base {
    padding: 10px;
    gap: 8px;
  }
  :host([variant='compact']) .transcript {
    max-height: var(--vi-transcript-height, 180px);
  }
  :host([variant='compact']) .intro {
    display: none;
  }
  @container (max-width: 400px) {
    .base {
      padding: 12px;
    }
    .controls button {
      flex: 1 1 auto;
    }
    .turn {
      max-width: 100%;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
`;
