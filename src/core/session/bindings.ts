// The flow → session binding, kept per workspace in stateDir so it survives restarts and is shared
// by the extension and the CLI. Requirements lines are not kept: they may carry feed credentials (S9).
// Written atomically (temp file + rename); a broken file is ignored.
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AzureMlError } from '../azure/errors';
import { redact } from '../redact';
import { writeFailureReason } from '../azure/messages';
import type { Locale } from '../i18n';
import { stateSaveText } from './operationText';
import type { SessionSettings, WorkspaceRef } from './types';

export interface Binding {
  sessionId: string;
  flowFolder: string;
  flowName: string;
  settings: SessionSettings;
  baseImage?: string;
  computeName?: string;
}

export class BindingStore {
  private readonly map = new Map<string, Binding>();
  private readonly file?: string;
  /**
   * Flows whose binding is newer in memory than on disk, because the last write failed. The binding
   * is kept (the session it names exists on the service, and this window must still reach it) and
   * the failure is reported for it, so the difference is stated rather than silent.
   */
  private readonly unsaved = new Set<string>();
  private lastError?: AzureMlError;

  constructor(
    stateDir: string | undefined,
    ws: WorkspaceRef,
    private readonly locale: Locale = 'en',
  ) {
    if (!stateDir) return;
    const safe = `${ws.subscriptionId}_${ws.resourceGroup}_${ws.workspace}`.replace(/[^\w.-]/g, '_');
    this.file = join(stateDir, `sessions-${safe}.json`);
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { bindings?: Binding[] };
      for (const b of data.bindings ?? [])
        if (b && typeof b.sessionId === 'string' && typeof b.flowFolder === 'string') this.map.set(b.flowFolder, b);
    } catch {
      // no file yet, or unreadable: start empty
    }
  }

  get(flowFolder: string): Binding | undefined {
    return this.map.get(flowFolder);
  }
  all(): Binding[] {
    return [...this.map.values()];
  }

  /**
   * Binds the flow and writes the list. A failed write is returned, not thrown: the binding stays
   * in memory (marked unsaved) because the session exists either way.
   */
  set(b: Binding): AzureMlError | undefined {
    this.map.set(b.flowFolder, b);
    const err = this.save();
    if (err) this.unsaved.add(b.flowFolder);
    return err;
  }

  /** Unbinds the flow; a failed write leaves a stale entry on disk, which reads as "not started" later. */
  delete(flowFolder: string): AzureMlError | undefined {
    if (!this.map.delete(flowFolder)) return undefined;
    this.unsaved.delete(flowFolder);
    return this.save();
  }

  /** Why this flow's binding exists in memory only, or undefined when it is on disk (or no stateDir is used). */
  unsavedError(flowFolder: string): AzureMlError | undefined {
    return this.unsaved.has(flowFolder) ? this.lastError : undefined;
  }

  private save(): AzureMlError | undefined {
    if (!this.file) return undefined;
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(tmp, JSON.stringify({ bindings: this.all() }, null, 2));
      renameSync(tmp, this.file);
    } catch (e) {
      removeQuietly(tmp);
      this.lastError = this.saveError(e);
      return this.lastError;
    }
    // Every binding in memory is now on disk, including ones an earlier failed write left behind.
    this.unsaved.clear();
    this.lastError = undefined;
    return undefined;
  }

  private saveError(e: unknown): AzureMlError {
    const code = (e as { code?: string }).code;
    const text = stateSaveText(this.file!, writeFailureReason(code, this.locale), this.locale);
    return new AzureMlError({
      kind: 'storage',
      message: text.message,
      fix: text.fix,
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
