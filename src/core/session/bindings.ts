// The flow → session record, kept per workspace in the state folder that the extension and the CLI
// share (stateDir.ts). It is not where a flow's session is found (the service is asked for the derived
// id, see sessionsService.ts `locate`); it remembers what the service cannot list: which sessions this user
// has (instances, S11), the settings of a session that has gone idle, and the session of a flow whose
// environment changed since it started. Requirements lines are not kept: they may carry feed
// credentials (S9).
//
// Several processes write the file at once (two windows, a loop of CLI commands), so every write is a
// read-modify-write under a lock with an atomic replace, and every read reads the file afresh: a
// process never writes back a list it read earlier. The lock is proper-lockfile's (a lock folder made
// with mkdir, which is atomic on every file system, kept fresh while held and taken over when stale),
// so a process killed while it holds the lock does not block the others for ever.
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lock } from 'proper-lockfile';
import { AzureMlError } from '../azure/errors';
import { redact } from '../redact';
import { writeFailureReason } from '../azure/messages';
import { t, type Locale } from '../i18n';
import type { SessionSettings, WorkspaceRef } from './types';

export interface Binding {
  sessionId: string;
  flowFolder: string;
  flowName: string;
  settings: SessionSettings;
  baseImage?: string;
  computeName?: string;
  /** The user alias the session id was derived for; absent in records written before it was kept. */
  user?: string;
}

/** How long a writer waits for the lock: other writers hold it for a read and a rename each. */
const LOCK_RETRIES = { retries: 60, factor: 1.2, minTimeout: 5, maxTimeout: 250, randomize: true };
/** A lock not refreshed for this long belongs to a process that died holding it. */
const LOCK_STALE_MS = 10_000;

/** One record per user and flow: another user's record is never replaced or dropped. */
const keyOf = (b: Pick<Binding, 'user' | 'flowFolder'>) => `${b.user ?? ''}\u0000${b.flowFolder}`;

export class BindingStore {
  private readonly file?: string;
  /**
   * Records newer in memory than on disk, because the last write failed. They are kept (the session
   * they name exists on the service, and this window must still reach it) and the failure is reported
   * for them, so the difference is stated rather than silent.
   */
  private readonly unsaved = new Map<string, Binding>();
  private lastError?: AzureMlError;

  constructor(
    stateDir: string | undefined,
    ws: WorkspaceRef,
    private readonly locale: Locale = 'en',
  ) {
    if (!stateDir) return;
    const safe = `${ws.subscriptionId}_${ws.resourceGroup}_${ws.workspace}`.replace(/[^\w.-]/g, '_');
    this.file = join(stateDir, `sessions-${safe}.json`);
  }

  /** This user's record of the flow (or a record that names no user), read from disk now. */
  find(flowFolder: string, user: string): Binding | undefined {
    const all = this.all();
    return all.find((b) => b.flowFolder === flowFolder && b.user === user) ?? all.find((b) => b.flowFolder === flowFolder && !b.user);
  }

  /** Every record on disk now, with the ones only this process holds. */
  all(): Binding[] {
    const map = this.readDisk();
    for (const [k, b] of this.unsaved) map.set(k, b);
    return [...map.values()];
  }

  /**
   * Records the flow's session. A failed write is returned, not thrown: the record stays in memory
   * (marked unsaved) because the session exists either way.
   */
  async set(b: Binding): Promise<AzureMlError | undefined> {
    const err = await this.modify((map) => {
      // A record without a user for this flow is this user's older record: replaced, not kept beside.
      map.delete(keyOf({ flowFolder: b.flowFolder }));
      map.set(keyOf(b), b);
    });
    if (err) this.unsaved.set(keyOf(b), b);
    return err;
  }

  /**
   * Drops this user's record of the flow if it still names `sessionId` (another process may have
   * recorded a newer session meanwhile). Another user's record is never dropped. A failed write
   * leaves a stale record on disk, which later reads as "not started" once the service is asked.
   */
  async delete(flowFolder: string, user: string, sessionId: string): Promise<AzureMlError | undefined> {
    const key = keyOf({ flowFolder, user });
    if (this.unsaved.get(key)?.sessionId === sessionId) this.unsaved.delete(key);
    return this.modify((map) => {
      if (map.get(key)?.sessionId === sessionId) map.delete(key);
    });
  }

  /** Why this flow's record exists in memory only, or undefined when it is on disk (or no stateDir is used). */
  unsavedError(flowFolder: string, user: string): AzureMlError | undefined {
    return this.unsaved.has(keyOf({ flowFolder, user })) ? this.lastError : undefined;
  }

  private readDisk(): Map<string, Binding> {
    const map = new Map<string, Binding>();
    if (!this.file) return map;
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { bindings?: Binding[] };
      for (const b of data.bindings ?? [])
        if (b && typeof b.sessionId === 'string' && typeof b.flowFolder === 'string') map.set(keyOf(b), b);
    } catch {
      // no file yet, or unreadable: nothing recorded
    }
    return map;
  }

  /** Read, change and replace the file while holding its lock. */
  private async modify(change: (map: Map<string, Binding>) => void): Promise<AzureMlError | undefined> {
    if (!this.file) return undefined;
    const file = this.file;
    const tmp = `${file}.${process.pid}.tmp`;
    let release: (() => Promise<void>) | undefined;
    try {
      mkdirSync(dirname(file), { recursive: true });
      // realpath: false: the file need not exist yet; the lock is the folder `<file>.lock`.
      release = await lock(file, { realpath: false, stale: LOCK_STALE_MS, retries: LOCK_RETRIES });
      const map = this.readDisk();
      // Records an earlier failed write left in memory go to disk with this write.
      for (const [k, b] of this.unsaved) map.set(k, b);
      change(map);
      writeFileSync(tmp, JSON.stringify({ bindings: [...map.values()] }, null, 2), { mode: 0o600 });
      renameSync(tmp, file);
    } catch (e) {
      removeQuietly(tmp);
      this.lastError = this.saveError(e);
      return this.lastError;
    } finally {
      await release?.().catch(() => undefined);
    }
    this.unsaved.clear();
    this.lastError = undefined;
    return undefined;
  }

  private saveError(e: unknown): AzureMlError {
    const code = (e as { code?: string }).code;
    const locale = this.locale;
    return new AzureMlError({
      kind: 'storage',
      message: t(locale, 'lifecycle.recordNotSaved', { file: this.file!, reason: writeFailureReason(code, this.locale) }),
      fix: t(locale, 'lifecycle.recordNotSavedFix'),
      code,
      details: redact(String((e as Error)?.message ?? e)),
    });
  }
}

/** A half-written temp file (disk full) must not stay behind; a folder in its place is left alone. */
function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // nothing there, or not a file
  }
}
