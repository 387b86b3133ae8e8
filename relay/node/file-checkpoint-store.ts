import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckpointStore, SessionCheckpoint } from '../core/session-checkpoint';

/**
 * Session checkpoints as one JSON file per session in `CHECKPOINT_DIR`, so a Node relay that is restarted
 * (or a second one sharing the directory) resumes its interviews. Writes are synchronous and atomic
 * (write, then rename): a checkpoint taken during a SIGTERM drain is on disk before the process exits.
 */
export class FileCheckpointStore implements CheckpointStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  async load(sessionId: string): Promise<SessionCheckpoint | undefined> {
    try {
      return JSON.parse(readFileSync(this.#path(sessionId), 'utf8')) as SessionCheckpoint;
    } catch {
      return undefined;
    }
  }

  save(sessionId: string, checkpoint: SessionCheckpoint): void {
    const path = this.#path(sessionId);
    writeFileSync(`${path}.tmp`, JSON.stringify(checkpoint), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  }

  /** Session ids are [A-Za-z0-9_-] (the router checks), so they are safe file names. */
  #path(sessionId: string): string {
    return join(this.dir, `${sessionId.replace(/[^A-Za-z0-9_-]/g, '')}.json`);
  }
}
