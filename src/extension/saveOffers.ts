// Offers after a save: install the changed requirements, or reset to apply a changed base image.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { isFlowFileName } from '../core/flow/files';
import { flowFolderOf, flowUri } from './flows';
import { environmentOf, readEditorEnvironment } from './flowYaml';
import { Commands } from '../shared/commands';
import { t } from './i18n';

/**
 * After a requirements file or `environment.image` is saved, offers the install or reset that
 * applies it: one offer per flow at a time, none while a command is itself saving and applying.
 */
export class SaveOffers {
  private readonly suppressed = new Map<string, number>();
  private readonly open = new Set<string>();
  private readonly images = new Map<string, string | undefined>();

  constructor(private readonly ctx: Ctx) {}

  suppress(folder: string): void {
    this.suppressed.set(folder, (this.suppressed.get(folder) ?? 0) + 1);
  }
  unsuppress(folder: string): void {
    const n = (this.suppressed.get(folder) ?? 1) - 1;
    if (n <= 0) this.suppressed.delete(folder);
    else this.suppressed.set(folder, n);
  }

  /** Remembers the image a flow had when first seen, so a later save can tell it changed. */
  remember(doc: vscode.TextDocument): void {
    if (!isFlowFileName(doc.fileName)) return;
    const folder = path.dirname(doc.fileName);
    if (this.images.has(folder)) return;
    try {
      this.images.set(folder, environmentOf(doc.getText()).image);
    } catch {
      // Broken YAML: nothing to remember yet.
    }
  }

  async onSave(doc: vscode.TextDocument): Promise<void> {
    if (doc.uri.scheme !== 'file') return;
    const base = path.basename(doc.fileName);
    if (isFlowFileName(base)) return this.onFlowSaved(doc);
    if (/\.txt$/i.test(base)) return this.onRequirementsSaved(doc);
  }

  private async onFlowSaved(doc: vscode.TextDocument): Promise<void> {
    const folder = path.dirname(doc.fileName);
    let image: string | undefined;
    try {
      image = environmentOf(doc.getText()).image;
    } catch {
      return;
    }
    const known = this.images.has(folder);
    const before = this.images.get(folder);
    this.images.set(folder, image);
    if (!known || before === image || this.suppressed.has(folder)) return;
    const s = this.ctx.peek(folder);
    if (!s || s.state !== 'running') return;
    await this.offer(
      folder,
      t('extension.offer.imageChanged', { flow: path.basename(folder) }),
      t('extension.resetSession'),
      Commands.reset,
    );
  }

  private async onRequirementsSaved(doc: vscode.TextDocument): Promise<void> {
    const folder = flowFolderOf(doc.fileName);
    if (!folder || this.suppressed.has(folder)) return;
    if (readEditorEnvironment(folder)?.requirementsFile !== doc.fileName) return;
    const s = this.ctx.peek(folder);
    if (!s || s.state !== 'running') return;
    await this.offer(
      folder,
      t('extension.offer.requirementsChanged', { file: path.basename(doc.fileName), flow: path.basename(folder) }),
      t('extension.action.installRequirements'),
      Commands.installRequirements,
    );
  }

  private async offer(folder: string, message: string, action: string, command: string): Promise<void> {
    if (this.open.has(folder)) return; // never stack offers for one flow
    this.open.add(folder);
    try {
      const picked = await vscode.window.showInformationMessage(message, action);
      if (picked === action) await vscode.commands.executeCommand(command, flowUri(folder));
    } finally {
      this.open.delete(folder);
    }
  }
}

export function registerSaveOffers(ctx: Ctx): void {
  const s = ctx.subscriptions;
  vscode.workspace.onDidSaveTextDocument((d) => void ctx.offers.onSave(d), null, s);
  vscode.workspace.onDidOpenTextDocument((d) => ctx.offers.remember(d), null, s);
  // Documents already open: read after activate() has returned, so activation does not load the YAML parser.
  const timer = setTimeout(() => {
    for (const d of vscode.workspace.textDocuments) ctx.offers.remember(d);
  }, 0);
  s.push({ dispose: () => clearTimeout(timer) });
}
