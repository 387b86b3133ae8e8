/** What a scenario needs from a browser, whichever engine and protocol drives it. */
export interface EngineDriver {
  readonly engine: 'firefox' | 'webkit';
  /** The browser's own version string, for the log. */
  readonly version: string;
  goto(url: string): Promise<void>;
  /** Evaluates a JavaScript expression in the page (awaiting a promise it yields) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** A real (trusted) left click at page coordinates: what counts as a user gesture for audio. */
  clickAt(x: number, y: number): Promise<void>;
  close(): Promise<void>;
}
