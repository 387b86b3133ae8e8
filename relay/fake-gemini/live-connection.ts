/**
 * One Live WebSocket as the fake serves it: records every client frame, validates the setup frame, links
 * the connection to a new or resumed conversation, enforces the connection lifetime (goAway, then 1011),
 * and hands everything after setup to TurnTaking.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { WebSocket } from 'ws';
import type { Conversation, HandleRegistry } from './conversation';
import { protoDuration, type ResolvedOptions } from './options';
import {
  isObject,
  REASON_DEADLINE,
  REASON_INTERNAL,
  REASON_INVALID_ARGUMENT,
  REASON_UNKNOWN_HANDLE,
  sessionFeatures,
  validateSetup,
} from './setup-validation';
import { TurnTaking } from './turn-taking';
import type { FakeConnection, FakeConversation } from './types';
import { type Credentials, encodeServerMessage, parseClientFrame, truncateCloseReason } from './wire';

export interface LiveConnectionContext {
  id: number;
  path: string;
  apiVersion: string;
  credentials: Credentials;
  headers: IncomingHttpHeaders;
  options: ResolvedOptions;
  handles: HandleRegistry;
  createConversation(setup: Record<string, unknown>): Conversation;
}

const KNOWN_FRAMES = new Set(['setup', 'clientContent', 'realtimeInput', 'toolResponse', 'contextUpdate']);

export class LiveConnection implements FakeConnection {
  readonly id: number;
  readonly path: string;
  readonly apiKey: string | undefined;
  readonly accessToken: string | undefined;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly frames: unknown[] = [];
  readonly setup: Promise<Record<string, unknown>>;
  readonly closed: Promise<{ code: number; reason: string }>;
  private resolveSetup!: (setup: Record<string, unknown>) => void;
  private rejectSetup!: (err: Error) => void;
  private conv: Conversation | undefined;
  private turns: TurnTaking | undefined;
  private readonly timers: ReturnType<typeof setTimeout>[] = [];
  private framesHandled = 0;
  private readonly frameWaiters: { count: number; resolve: () => void }[] = [];
  private readonly log: (entry: Record<string, unknown>) => void;

  constructor(
    private readonly ws: WebSocket,
    private readonly ctx: LiveConnectionContext,
  ) {
    this.id = ctx.id;
    this.path = ctx.path;
    this.apiKey = ctx.credentials.apiKey;
    this.accessToken = ctx.credentials.accessToken;
    this.headers = { ...ctx.headers };
    this.log = (entry) => ctx.options.log({ connection: ctx.id, ...entry });
    this.setup = new Promise((resolve, reject) => {
      this.resolveSetup = resolve;
      this.rejectSetup = reject;
    });
    this.setup.catch(() => {}); // observed by tests only when they care
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.onClosed();
        resolve({ code, reason: reason.toString('utf8') });
      });
    });
    ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    ws.on('error', (err) => this.log({ event: 'socket.error', error: err.message }));
    this.startLifetime();
  }

  get conversation(): FakeConversation {
    if (!this.conv)
      throw new Error(`fake-gemini: connection ${this.id} has no conversation yet (await .setup)`);
    return this.conv;
  }

  waitForFrames(count: number): Promise<void> {
    if (this.framesHandled >= count) return Promise.resolve();
    return new Promise((resolve) => this.frameWaiters.push({ count, resolve }));
  }

  send(message: object): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(encodeServerMessage(message), { binary: true });
  }

  goAway(timeLeft = '10s'): void {
    this.send({ goAway: { timeLeft } });
  }

  close(code: number, reason = ''): void {
    if (this.ws.readyState === this.ws.CLOSED || this.ws.readyState === this.ws.CLOSING) return;
    this.log({ event: 'close', code, reason });
    this.ws.close(code, truncateCloseReason(reason));
  }

  drop(): void {
    this.log({ event: 'drop' });
    this.ws.terminate();
  }

  private onFrame(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    const parsed = parseClientFrame(data);
    if (!parsed.ok) {
      this.log({ event: 'frame.invalid', error: parsed.error, isBinary });
      this.close(
        1007,
        this.conv ? `Invalid JSON payload received. ${parsed.error}` : REASON_INVALID_ARGUMENT,
      );
      return;
    }
    const frame = parsed.value;
    if (this.ctx.options.retainHistory) this.frames.push(frame);
    this.ctx.options.onClientFrame?.(this.id, frame);
    try {
      if (!this.conv) this.onSetupFrame(frame);
      else this.onSessionFrame(frame);
    } finally {
      this.framesHandled++;
      for (const w of this.frameWaiters.filter((w) => this.framesHandled >= w.count)) {
        this.frameWaiters.splice(this.frameWaiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  private onSetupFrame(frame: Record<string, unknown>): void {
    const { options } = this.ctx;
    if (options.hangSetup(this.id)) {
      this.log({ event: 'setup.hung' });
      return;
    }
    const { apiKey, accessToken } = this.ctx.credentials;
    const keyValid =
      options.requireApiKey === undefined ||
      apiKey === options.requireApiKey ||
      (accessToken?.startsWith('auth_tokens/') ?? false);
    const check = validateSetup(frame, this.ctx.apiVersion, keyValid);
    if (!check.ok) {
      this.fail(check.code, check.reason);
      return;
    }
    const features = sessionFeatures(check.setup);
    let conversation: Conversation;
    let resumed = false;
    if (features.resumeHandle) {
      const record = this.ctx.handles.resolve(features.resumeHandle);
      if (!record) {
        this.fail(1008, REASON_UNKNOWN_HANDLE);
        return;
      }
      // Real pitfall: resuming while the old socket of the same session is still open fails with 1011.
      if (record.conversation.active) {
        this.fail(1011, REASON_INTERNAL);
        return;
      }
      conversation = record.conversation;
      conversation.restore(record.snapshot);
      resumed = true;
    } else {
      conversation = this.ctx.createConversation(check.setup);
      conversation.promptTokens += Math.ceil(features.systemInstructionChars / 4);
    }
    this.conv = conversation;
    conversation.connections.push(this);
    conversation.active = this;
    this.log({ event: 'setup', resumed, conversation: conversation.id, model: check.setup.model });
    this.turns = new TurnTaking({
      conversation,
      features,
      modality: check.modality,
      options,
      send: (m) => this.send(m),
      issueHandle: () => this.ctx.handles.issue(conversation),
      log: this.log,
    });
    this.resolveSetup(check.setup);
    this.send({ setupComplete: {} });
    this.turns.begin(resumed);
  }

  private onSessionFrame(frame: Record<string, unknown>): void {
    const turns = this.turns as TurnTaking;
    const unknown = Object.keys(frame).find((k) => !KNOWN_FRAMES.has(k));
    // [UNVERIFIED] wording: proto-JSON parse errors of Google APIs read like this.
    if (unknown) {
      this.close(1007, `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`);
      return;
    }
    if ('setup' in frame) {
      this.close(1007, REASON_INVALID_ARGUMENT);
      return;
    }
    if (isObject(frame.realtimeInput)) turns.onRealtimeInput(frame.realtimeInput);
    if (isObject(frame.clientContent)) turns.onClientContent(frame.clientContent);
    if (isObject(frame.toolResponse)) turns.onToolResponse(frame.toolResponse);
  }

  private fail(code: number, reason: string): void {
    this.rejectSetup(new Error(`setup rejected: ${code} ${reason}`));
    this.close(code, reason);
  }

  private startLifetime(): void {
    const { connectionLifetimeMs: lifetime, goAwayLeadMs: lead } = this.ctx.options;
    if (lifetime === undefined) return;
    const goAwayAt = Math.max(0, lifetime - lead);
    this.timers.push(setTimeout(() => this.goAway(protoDuration(lifetime - goAwayAt)), goAwayAt));
    this.timers.push(setTimeout(() => this.close(1011, REASON_DEADLINE), lifetime));
  }

  private onClosed(): void {
    for (const t of this.timers) clearTimeout(t);
    this.turns?.dispose();
    if (this.conv?.active === this) this.conv.active = undefined;
    this.rejectSetup(new Error(`connection ${this.id} closed before setup`));
    for (const w of this.frameWaiters.splice(0)) w.resolve();
  }
}
