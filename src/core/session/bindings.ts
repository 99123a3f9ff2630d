// The flow → session binding, kept per workspace in stateDir so it survives restarts and is shared
// by the extension and the CLI. Requirements lines are not kept: they may carry feed credentials (S9).
// Written atomically (temp file + rename); a broken file is ignored.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

  constructor(stateDir: string | undefined, ws: WorkspaceRef) {
    if (!stateDir) return;
    const safe = `${ws.subscriptionId}_${ws.resourceGroup}_${ws.workspace}`.replace(/[^\w.-]/g, '_');
    this.file = join(stateDir, `sessions-${safe}.json`);
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { bindings?: Binding[] };
      for (const b of data.bindings ?? []) if (b && typeof b.sessionId === 'string' && typeof b.flowFolder === 'string') this.map.set(b.flowFolder, b);
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
  set(b: Binding): void {
    this.map.set(b.flowFolder, b);
    this.save();
  }
  delete(flowFolder: string): void {
    if (this.map.delete(flowFolder)) this.save();
  }

  private save(): void {
    if (!this.file) return;
    const dir = join(this.file, '..');
    mkdirSync(dir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ bindings: this.all() }, null, 2));
    renameSync(tmp, this.file);
  }
}
