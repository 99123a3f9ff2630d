// The workspace data the checks of flow files use, as the extension last sent it (the server never
// calls Azure). What arrives is read through `readWorkspaceFacts`: a malformed message leaves the
// server with no workspace data, which means no workspace-aware diagnostics, never wrong ones.
import { readWorkspaceFacts, type WorkspaceFacts } from '../core/flow/workspaceFacts';
import type { WorkspaceFactsResult } from '../shared/protocol';

export class WorkspaceFactsStore {
  private facts: WorkspaceFacts | undefined;
  private readonly listeners = new Set<() => void>();

  get current(): WorkspaceFacts | undefined {
    return this.facts;
  }

  /** Replaces the data (null or anything that is not WorkspaceFacts clears it) and says what is held now. */
  set(value: unknown): WorkspaceFactsResult {
    const before = this.facts;
    this.facts = value === null || value === undefined ? undefined : readWorkspaceFacts(value);
    if (before !== this.facts) for (const l of [...this.listeners]) l();
    return this.facts ? { workspace: this.facts.workspace, fetchedAt: this.facts.fetchedAt } : {};
  }

  /** Called after every change (documents checked against the workspace are validated again). */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
