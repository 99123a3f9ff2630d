// Commands that edit flow files in the editor: the base image (S10), the migration from a runtime (S13), and
// saving a requirements file before installing it (S8).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandFactory } from './factory';
import { flowFolderOf, flowFolderForCommand } from '../flows';
import { imageEdit, pinnedPromptflowLines, readEditorEnvironment } from '../flowYaml';
import { Commands } from '../../shared/commands';
import { RUN_FILE_NAMES } from '../../core/flow/files';
import type { RuntimeInfo } from '../../core/session/types';
import { t } from '../i18n';

/** Saves a document, keeping the user's text; false when VS Code could not save it. */
export async function saveKeepingText(doc: vscode.TextDocument): Promise<boolean> {
  if (!doc.isDirty) return true;
  // A save participant of another extension that times out makes one save fail; one retry is enough.
  return (await doc.save()) || !doc.isDirty || (await doc.save());
}

/** S10: writes `environment.image` into the flow file, then offers the reset that applies it. */
export const changeBaseImage: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  const env = readEditorEnvironment(folder);
  if (!env) return undefined;
  const image = await vscode.window.showInputBox({
    title: t('extension.image.title', { flow: ctx.flowName(folder) }),
    prompt: t('extension.image.prompt'),
    value: env.image ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => (/^[a-z0-9][\w.\-/:@]*$/i.test(v.trim()) ? undefined : t('extension.image.invalid')),
  });
  if (!image) return undefined;
  const doc = await vscode.workspace.openTextDocument(env.flowFile);
  ctx.offers.suppress(folder);
  try {
    // Shown before the edit, so that the edit stays unsaved until the user (or "Save and reset") saves it.
    await vscode.window.showTextDocument(doc, { preview: false });
    if (!(await vscode.workspace.applyEdit(imageEdit(doc, image.trim())))) {
      void vscode.window.showErrorMessage(t('extension.image.editFailed', { file: path.basename(env.flowFile) }));
      return undefined;
    }
    const s = ctx.peek(folder);
    if (!s || s.state === 'notStarted') return image;
    const resetNow = t('extension.image.saveAndReset');
    const picked = await vscode.window.showInformationMessage(
      t('extension.image.setResetApplies', { file: path.basename(env.flowFile) }),
      resetNow,
    );
    if (picked !== resetNow) return image;
    if (!(await saveKeepingText(doc))) return undefined;
    return ctx.runSession({
      flowFolder: folder,
      title: t('extension.image.applying', { flow: ctx.flowName(folder) }),
      busyText: t('extension.busy.resetting'),
      requiresTrust: true,
      work: (service, opts) => service.changeBaseImage(folder, image.trim(), opts),
    });
  } finally {
    ctx.offers.unsuppress(folder);
  }
};

/** S13: from a compute-instance runtime: unpin promptflow in requirements, move a custom image into the flow. */
export const migrate: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  const env = readEditorEnvironment(folder);
  if (!env) return undefined;
  const done: string[] = [];
  if (fs.existsSync(env.requirementsFile)) {
    const req = await vscode.workspace.openTextDocument(env.requirementsFile);
    const pinned = pinnedPromptflowLines(req.getText());
    if (pinned.length) {
      // Shown first: the user sees the change, and it stays unsaved (VS Code saves an edit to a file that
      // no editor shows on its own).
      await vscode.window.showTextDocument(req, { preview: false });
      const edit = new vscode.WorkspaceEdit();
      for (const line of pinned) edit.delete(req.uri, req.lineAt(line).rangeIncludingLineBreak);
      await vscode.workspace.applyEdit(edit);
      done.push(t('extension.migrate.removedPins', { count: pinned.length, file: path.basename(env.requirementsFile) }));
    }
  } else {
    done.push(t('extension.migrate.noRequirements', { file: path.basename(env.requirementsFile) }));
  }
  const runtimeImage = env.image ? undefined : await imageOfRuntime(ctx, folder);
  const image = await vscode.window.showInputBox({
    title: t('extension.migrate.title', { flow: ctx.flowName(folder) }),
    prompt: runtimeImage ? t('extension.migrate.runtimeImage', { runtime: runtimeImage.runtime }) : t('extension.migrate.customImage'),
    value: env.image ?? runtimeImage?.image ?? '',
    ignoreFocusOut: true,
  });
  if (image === undefined) return undefined;
  if (image.trim() && image.trim() !== env.image) {
    const doc = await vscode.workspace.openTextDocument(env.flowFile);
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.workspace.applyEdit(imageEdit(doc, image.trim()));
    done.push(t('extension.migrate.imageSet', { file: path.basename(env.flowFile) }));
  }
  const startNow = t('extension.action.startWithSettings');
  const picked = await vscode.window.showInformationMessage([...done, t('extension.migrate.saveThenStart')].join(' '), startNow);
  if (picked === startNow) {
    await vscode.workspace.saveAll(false);
    return vscode.commands.executeCommand(Commands.startWithSettings, vscode.Uri.file(folder).toString());
  }
  return done;
};

/**
 * S13: the image of the compute-instance runtime the flow ran on, read from the workspace's FlowRuntimes:
 * the one a run.yml of the flow names, else the one the user picks. Nothing is asked when the window is not
 * connected to a workspace or the workspace has no runtime with an image.
 */
async function imageOfRuntime(ctx: Parameters<CommandFactory>[0], folder: string): Promise<{ runtime: string; image: string } | undefined> {
  let runtimes: RuntimeInfo[] = [];
  try {
    const service = await ctx.connection.getService(false);
    runtimes = ((await service?.runtimes()) ?? []).filter((r) => r.image);
  } catch (e) {
    ctx.log.warn(`runtimes could not be listed: ${(e as Error).message}`);
    return undefined;
  }
  if (!runtimes.length) return undefined;
  const named = RUN_FILE_NAMES.map((f) => path.join(folder, f))
    .filter((f) => fs.existsSync(f))
    .map((f) => /^runtime:\s*["']?([^\s"'#]+)/m.exec(fs.readFileSync(f, 'utf8'))?.[1])
    .find((n) => n && runtimes.some((r) => r.name === n));
  const chosen =
    runtimes.find((r) => r.name === named) ??
    (
      await vscode.window.showQuickPick(
        runtimes.map((r) => ({ label: r.name, description: r.image, detail: r.computeInstanceName, runtime: r })),
        {
          title: t('extension.migrate.runtimeTitle', { flow: ctx.flowName(folder) }),
          placeHolder: t('extension.migrate.runtimePlaceholder'),
        },
      )
    )?.runtime;
  return chosen?.image ? { runtime: chosen.name, image: chosen.image } : undefined;
}

/** The requirements file an argument means: a Uri of a .txt, else the flow's requirements file. */
async function requirementsOf(arg: unknown): Promise<{ file: string; folder: string } | undefined> {
  const asPath =
    arg instanceof vscode.Uri
      ? arg.fsPath
      : typeof arg === 'string'
        ? /^file:/i.test(arg)
          ? vscode.Uri.parse(arg).fsPath
          : arg
        : undefined;
  if (asPath && /\.txt$/i.test(asPath)) {
    const folder = flowFolderOf(asPath) ?? (await flowFolderForCommand(undefined));
    return { file: asPath, folder };
  }
  const active = vscode.window.activeTextEditor?.document;
  if (!asPath && active && /\.txt$/i.test(active.fileName)) {
    return { file: active.fileName, folder: flowFolderOf(active.fileName) ?? (await flowFolderForCommand(undefined)) };
  }
  const folder = await flowFolderForCommand(arg);
  const env = readEditorEnvironment(folder);
  return env && { file: env.requirementsFile, folder };
}

/** S8 "Save only": saves the requirements file as it is in the editor. */
export const saveOnly: CommandFactory = () => async (arg) => {
  const target = await requirementsOf(arg);
  if (!target) return false;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === target.file);
  return doc ? saveKeepingText(doc) : true;
};

/** S8 "Save and install": saves (never discarding the editor's text) and installs into the bound session. */
export const saveAndInstall: CommandFactory = (ctx) => async (arg) => {
  const target = await requirementsOf(arg);
  if (!target) return undefined;
  if (!ctx.checkTrust()) return undefined;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === target.file);
  ctx.offers.suppress(target.folder);
  try {
    ctx.log.debug(`save and install: ${target.file} (${doc ? (doc.isDirty ? 'unsaved changes' : 'saved') : 'not open'})`);
    if (doc && !(await saveKeepingText(doc))) {
      ctx.log.warn(`${target.file} could not be saved; nothing installed`);
      void vscode.window.showErrorMessage(t('extension.save.failedNothingInstalled', { file: path.basename(target.file) }));
      return undefined;
    }
  } finally {
    ctx.offers.unsuppress(target.folder);
  }
  return vscode.commands.executeCommand(Commands.installRequirements, vscode.Uri.file(target.folder).toString());
};
