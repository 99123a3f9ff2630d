import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandFactory } from './factory';
import { flowFolderOf, flowFolderForCommand } from '../flows';
import { imageEdit, pinnedPromptflowLines, readEditorEnvironment } from '../flowYaml';
import { Commands } from '../../shared/commands';
import { RUN_FILE_NAMES } from '../../core/flow/files';
import type { RuntimeInfo } from '../../core/session/types';

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
    title: vscode.l10n.t('Base image of {0}', ctx.flowName(folder)),
    prompt: vscode.l10n.t(
      'Container image for the session (for example myregistry.azurecr.io/flows/base:1). The session identity needs pull permission on its registry.',
    ),
    value: env.image ?? '',
    ignoreFocusOut: true,
    validateInput: (v) =>
      /^[a-z0-9][\w.\-/:@]*$/i.test(v.trim()) ? undefined : vscode.l10n.t('Enter an image reference such as registry/name:tag.'),
  });
  if (!image) return undefined;
  const doc = await vscode.workspace.openTextDocument(env.flowFile);
  ctx.offers.suppress(folder);
  try {
    // Shown before the edit, so that the edit stays unsaved until the user (or "Save and reset") saves it.
    await vscode.window.showTextDocument(doc, { preview: false });
    if (!(await vscode.workspace.applyEdit(imageEdit(doc, image.trim())))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not edit {0}.', path.basename(env.flowFile)));
      return undefined;
    }
    const s = ctx.peek(folder);
    if (!s || s.state === 'notStarted') return image;
    const resetNow = vscode.l10n.t('Save and reset');
    const picked = await vscode.window.showInformationMessage(
      vscode.l10n.t(
        'The image is set in {0}. A reset applies it: the image is pulled and packages are installed again (minutes).',
        path.basename(env.flowFile),
      ),
      resetNow,
    );
    if (picked !== resetNow) return image;
    if (!(await saveKeepingText(doc))) return undefined;
    return ctx.runSession({
      flowFolder: folder,
      title: vscode.l10n.t('Applying the base image to {0}', ctx.flowName(folder)),
      busyText: vscode.l10n.t('Resetting…'),
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
      done.push(
        vscode.l10n.t(
          'Removed {0} pinned promptflow line(s) from {1}: the base image provides them.',
          pinned.length,
          path.basename(env.requirementsFile),
        ),
      );
    }
  } else {
    done.push(
      vscode.l10n.t(
        '{0} does not exist yet: create it with the packages the flow needs (without promptflow).',
        path.basename(env.requirementsFile),
      ),
    );
  }
  const runtimeImage = env.image ? undefined : await imageOfRuntime(ctx, folder);
  const image = await vscode.window.showInputBox({
    title: vscode.l10n.t('Migrate {0} to a compute session', ctx.flowName(folder)),
    prompt: runtimeImage
      ? vscode.l10n.t('Image of runtime {0} (change it, or leave empty for the default prompt flow base image)', runtimeImage.runtime)
      : vscode.l10n.t('Image of the custom environment the runtime used (leave empty for the default prompt flow base image)'),
    value: env.image ?? runtimeImage?.image ?? '',
    ignoreFocusOut: true,
  });
  if (image === undefined) return undefined;
  if (image.trim() && image.trim() !== env.image) {
    const doc = await vscode.workspace.openTextDocument(env.flowFile);
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.workspace.applyEdit(imageEdit(doc, image.trim()));
    done.push(
      vscode.l10n.t(
        'Set environment.image in {0}; the session identity needs pull permission on the registry.',
        path.basename(env.flowFile),
      ),
    );
  }
  const startNow = vscode.l10n.t('Start with settings…');
  const picked = await vscode.window.showInformationMessage(
    [...done, vscode.l10n.t('Save the files, then start a session on serverless compute or keep your compute instance.')].join(' '),
    startNow,
  );
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
          title: vscode.l10n.t('Runtime that {0} ran on', ctx.flowName(folder)),
          placeHolder: vscode.l10n.t('Its image is offered for environment.image'),
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
      void vscode.window.showErrorMessage(
        vscode.l10n.t('{0} could not be saved; nothing was installed. Your changes are still in the editor.', path.basename(target.file)),
      );
      return undefined;
    }
  } finally {
    ctx.offers.unsuppress(target.folder);
  }
  return vscode.commands.executeCommand(Commands.installRequirements, vscode.Uri.file(target.folder).toString());
};
