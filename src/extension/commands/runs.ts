// Run commands: submitting the run a run.yml describes (S5), showing a run's logs and its lines' outputs.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunInfo } from '../../core/session/types';
import type { CommandFactory } from './factory';
import type { Ctx } from '../ctx';
import { UserCancelled } from '../connection';
import { redact } from '../../core/redact';
import { runNode, type TreeNode } from '../tree/items';
import { Commands } from '../../shared/commands';
import { RUN_FILE_NAMES, isRunFileName } from '../../core/flow/files';
import { t } from '../i18n';

async function resolveRunYaml(arg: unknown): Promise<string> {
  if (arg instanceof vscode.Uri && isRunFileName(arg.fsPath)) return arg.fsPath;
  if (typeof arg === 'string') {
    const p = /^file:/i.test(arg) ? vscode.Uri.parse(arg).fsPath : arg;
    if (isRunFileName(p)) return p;
  }
  const active = vscode.window.activeTextEditor?.document;
  if (active && isRunFileName(active.fileName)) return active.fileName;
  const files = await vscode.workspace.findFiles(`**/{${RUN_FILE_NAMES.join(',')}}`, '**/node_modules/**', 200);
  if (files.length === 1) return files[0].fsPath;
  const picked = files.length
    ? await vscode.window.showQuickPick(
        files.map((f) => ({ label: vscode.workspace.asRelativePath(f), file: f.fsPath })),
        { title: t('extension.runs.selectRunFile') },
      )
    : undefined;
  if (!files.length) void vscode.window.showInformationMessage(t('extension.runs.noRunFile'));
  if (!picked) throw new UserCancelled();
  return picked.file;
}

/** S5: submit the run a run.yml describes; the session is chosen by the service. */
export const submitRun: CommandFactory = (ctx) => async (arg) => {
  const runYaml = await resolveRunYaml(arg);
  const doc = vscode.workspace.textDocuments.find((d) => d.fileName === runYaml);
  if (doc?.isDirty && !(await doc.save())) return undefined;
  const result = await ctx.run({
    title: t('extension.runs.submitting', { file: vscode.workspace.asRelativePath(runYaml) }),
    busyText: t('extension.busy.submitting'),
    requiresTrust: true,
    work: (service, opts) => service.submitRun(runYaml, opts),
  });
  if (!result) return undefined;
  // What the service said right after the submit (run history), not an assumed status.
  ctx.recentRuns.unshift({
    ...(result.run ?? { runId: result.runId, status: t('extension.state.unknown') }),
    sessionId: result.sessionId,
    studioUrl: result.studioUrl,
    displayName: result.run?.displayName ?? `${path.basename(path.dirname(runYaml))} · ${result.runId}`,
  });
  ctx.tree.refresh();
  const logs = t('extension.runs.showLogs');
  const submitted = result.run
    ? t('extension.runs.submittedWithStatus', { run: result.runId, status: result.run.status })
    : t('extension.runs.submitted', { run: result.runId });
  // The notice says why the run went to another session than the flow's (run.yml resources, S5).
  void vscode.window.showInformationMessage(result.notice ? `${submitted} ${result.notice}` : submitted, logs).then((p) => {
    if (p === logs) void vscode.commands.executeCommand(Commands.showRunLogs, result.runId);
  });
  return result;
};

/** The run a command is about: a run id, a tree node's run, `{ runId }`, else one the user picks. */
async function runIdForCommand(ctx: Ctx, arg: unknown): Promise<string | undefined> {
  const given =
    typeof arg === 'string' ? arg : ((arg as TreeNode | undefined)?.run?.runId ?? (arg as { runId?: unknown } | undefined)?.runId);
  if (typeof given === 'string' && given) return given;
  const service = await ctx.service();
  if (!service) return undefined;
  const known = new Map<string, RunInfo>();
  // The run index knows the runs' current status; the ones submitted here may not be indexed yet.
  for (const r of await service.listRuns().catch(() => [])) known.set(r.runId, r);
  for (const r of ctx.recentRuns) if (!known.has(r.runId)) known.set(r.runId, r);
  if (!known.size) {
    void vscode.window.showInformationMessage(t('extension.runs.noRun'));
    return undefined;
  }
  return (
    await vscode.window.showQuickPick(
      // Labelled as the tree labels runs: the display name, with the id beside it when two may share it.
      [...known.values()].map((r) => {
        const n = runNode(r);
        return { label: n.label, description: n.description, runId: r.runId };
      }),
      { title: t('extension.runs.selectRun') },
    )
  )?.runId;
}

export const showRunLogs: CommandFactory = (ctx) => async (arg) => {
  const id = await runIdForCommand(ctx, arg);
  if (!id) return undefined;
  const text = await ctx.run({
    title: t('extension.runs.readingLogs', { run: id }),
    busyText: t('extension.busy.readingLogs'),
    requiresTrust: false,
    work: (service) => service.runLogs(id),
  });
  if (text === undefined) return undefined;
  // Run logs are the user's own output, but a token printed by a flow must not be shown back either.
  await ctx.documents.show(`runs/${id}.log`, redact(text), 'log');
  return text;
};

/**
 * The lines of a run in a panel: each line's inputs, outputs, duration and tokens, and a line's nodes when
 * it is selected. `{ runId, line }` opens it on that line. Returns the lines shown.
 */
export const showRunOutputs: CommandFactory = (ctx) => async (arg) => {
  const id = await runIdForCommand(ctx, arg);
  if (!id) return undefined;
  const lines = await ctx.run({
    title: t('extension.runs.readingOutputs', { run: id }),
    busyText: t('extension.busy.readingOutputs'),
    requiresTrust: false,
    work: (service, opts) => service.runOutputs(id, { cancel: opts.cancel }),
  });
  if (lines === undefined) return undefined;
  const line = (arg as { line?: unknown } | undefined)?.line;
  ctx.runOutputs.show(id, lines, typeof line === 'number' ? line : undefined);
  return lines;
};
