// The migration to Microsoft Agent Framework in the editor: "Plan Migration to Agent Framework" (a codelens
// on flow files, the explorer and the palette) opens the plan of a flow or of a folder as a Markdown
// document; "Generate Agent Framework Workflow…" asks for a folder, writes the project and opens
// workflow.py and its README; "Verify Parity with Agent Framework…" (a codelens beside the plan's) asks for
// a data file, runs the flow on its session and the generated workflow here (core/migration/verify.ts,
// the same check as `pfsession migrate verify`) and opens the report beside the flow file. The core runs
// from dist/migration.js, loaded on first use.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FLOW_FILE_NAMES } from '../../core/flow/files';
import { joinList, t } from '../../core/i18n';
import { Commands } from '../../shared/commands';
import type { Ctx } from '../ctx';
import { flowFolderForCommand } from '../flows';
import { locale } from '../i18n';
import type { CommandFactory } from './factory';

type MigrationBundle = typeof import('../../core/migration');
let bundle: MigrationBundle | undefined;
const core = (): MigrationBundle => (bundle ??= require(path.join(__dirname, 'migration.js')) as MigrationBundle);

/** A folder that is not a flow folder (plan every flow under it), else the flow folder the argument names. */
async function targetOf(arg: unknown): Promise<{ folder: string; flows: string[] }> {
  const m = core();
  if (arg instanceof vscode.Uri && arg.scheme === 'file' && m.nodeFileHost.isDirectory(arg.fsPath)) {
    const inside = m.flowFilesUnder(arg.fsPath, m.nodeFileHost);
    if (!inside.some((f) => path.dirname(f) === arg.fsPath) && inside.length) return { folder: arg.fsPath, flows: inside };
  }
  const folder = await flowFolderForCommand(arg);
  return { folder, flows: flowFileOf(m, folder) };
}

/** The flow file of a flow folder, as a list (empty when there is none). */
function flowFileOf(m: MigrationBundle, folder: string): string[] {
  return m
    .flowFilesUnder(folder, m.nodeFileHost)
    .filter((f) => path.dirname(f) === folder)
    .slice(0, 1);
}

export const planMigration: CommandFactory = (ctx) => async (arg) => {
  const { folder, flows } = await targetOf(arg);
  const m = core();
  const plans = flows.map((f) => m.planFlow(f, m.nodeFileHost));
  const text = m.planMarkdown(locale(), plans, folder);
  await ctx.reports.showReport({
    name: `${t(locale(), 'migration.editor.planDocument', { name: path.basename(folder) })}.md`,
    markdown: text,
  });
  const generatable = plans.length === 1 && plans[0].generatable ? plans[0] : undefined;
  if (!generatable) return plans;
  // The plan's action; not awaited, so the command returns while the offer stays on screen.
  const action = t(locale(), 'migration.editor.generateAction');
  void vscode.window
    .showInformationMessage(t(locale(), 'migration.editor.planShown', { name: path.basename(folder) }), action)
    .then((picked) => {
      if (picked === action) void vscode.commands.executeCommand(Commands.generateWorkflow, vscode.Uri.file(folder));
    });
  return plans;
};

export const generateWorkflow: CommandFactory = () => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  const m = core();
  const [flowFile] = flowFileOf(m, folder);
  if (!flowFile) return undefined;
  const plan = m.planFlow(flowFile, m.nodeFileHost);
  if (!plan.generatable) {
    void vscode.window.showErrorMessage(t(locale(), 'migration.editor.blocked', { name: path.basename(folder) }));
    return undefined;
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: vscode.Uri.file(path.dirname(folder)),
    openLabel: t(locale(), 'migration.editor.pickFolder'),
  });
  if (!picked?.[0]) return undefined;
  const out = picked[0].fsPath;
  const project = m.generateProject(plan, m.nodeFileHost, locale(), `${path.basename(folder)}/${path.basename(flowFile)}`, out);
  let outcome = m.writeProject(out, project, false);
  if (outcome.refused.length) {
    const overwrite = t(locale(), 'migration.editor.overwrite');
    const answer = await vscode.window.showWarningMessage(
      t(locale(), 'migration.editor.changed', { files: joinList(locale(), outcome.refused) }),
      { modal: true },
      overwrite,
    );
    if (answer !== overwrite) return outcome;
    outcome = m.writeProject(out, project, true);
  }
  await vscode.window.showTextDocument(vscode.Uri.file(path.join(out, 'workflow.py')), { preview: false });
  await vscode.commands.executeCommand('markdown.showPreviewToSide', vscode.Uri.file(path.join(out, 'README.md')));
  return outcome;
};

/**
 * The workflow a parity check runs: the project generated from the flow for the check (undefined), or a
 * project folder the user generated before (with their edits and their .env); null when the user backed out.
 */
async function pickWorkflow(folder: string): Promise<string | undefined | null> {
  const fresh = { label: t(locale(), 'migration.editor.workflowFresh'), fresh: true };
  const existing = { label: t(locale(), 'migration.editor.workflowExisting'), fresh: false };
  const choice = await vscode.window.showQuickPick([fresh, existing], { title: t(locale(), 'migration.editor.workflowTitle') });
  if (!choice) return null;
  if (choice.fresh) return undefined;
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: vscode.Uri.file(path.dirname(folder)),
    openLabel: t(locale(), 'migration.editor.pickWorkflow'),
  });
  return picked?.[0]?.fsPath ?? null;
}

/** Runs the parity check of a flow over a data file the user picks, with progress and cancel; opens the report. */
export const verifyParity: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  const m = core();
  const [flowFile] = flowFileOf(m, folder);
  if (!flowFile) return undefined;
  const name = path.basename(folder);
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    defaultUri: vscode.Uri.file(folder),
    filters: { [t(locale(), 'migration.editor.dataFilter')]: ['jsonl'] },
    openLabel: t(locale(), 'migration.editor.pickData'),
  });
  if (!picked?.[0]) return undefined;
  const data = picked[0].fsPath;
  const workflowDir = await pickWorkflow(folder);
  if (workflowDir === null) return undefined;
  const started = Date.now();
  const outcome = await ctx.run({
    flowFolder: folder,
    title: t(locale(), 'migration.editor.verifying', { name }),
    busyText: t(locale(), 'migration.editor.verifyBusy'),
    // Both sides run the flow's code: the session and, here, Python.
    requiresTrust: true,
    work: (service, opts) =>
      m.verifyParity(
        {
          flow: folder,
          data,
          workflowDir,
          python: m.DEFAULT_PYTHON,
          options: { ...m.DEFAULT_PARITY },
          locale: locale(),
          env: process.env,
        },
        () => Promise.resolve(service),
        {
          signal: opts.cancel instanceof AbortSignal ? opts.cancel : undefined,
          onPhase: (_, phase) => opts.onProgress?.({ kind: 'start', startedAt: started, phase }),
        },
      ),
  });
  if (!outcome) return undefined;
  if (outcome.kind === 'unavailable') {
    void vscode.window.showErrorMessage(t(locale(), `migration.verify.side.${outcome.side}`, { reason: outcome.reason }));
    return outcome;
  }
  // Beside the flow file: shown first when another editor is in front.
  if (vscode.window.activeTextEditor?.document.uri.fsPath !== flowFile)
    await vscode.window.showTextDocument(vscode.Uri.file(flowFile), { preview: true });
  await ctx.reports.showReport({
    name: `${t(locale(), 'migration.editor.reportDocument', { name })}.md`,
    markdown: m.parityMarkdown(locale(), outcome.result, outcome.sides),
  });
  return outcome;
};

/** Two codelenses at the top of every flow file: the plan of its migration, and the parity check. */
export function registerMigrationLens(ctx: Ctx): void {
  const selector = FLOW_FILE_NAMES.map((name) => ({ scheme: 'file', pattern: `**/${name}` }));
  ctx.subscriptions.push(
    vscode.languages.registerCodeLensProvider(selector, {
      provideCodeLenses: (doc) => {
        const at = new vscode.Range(0, 0, 0, 0);
        const folder = vscode.Uri.file(path.dirname(doc.uri.fsPath));
        return [
          new vscode.CodeLens(at, { title: t(locale(), 'migration.editor.lens'), command: Commands.planMigration, arguments: [folder] }),
          new vscode.CodeLens(at, {
            title: t(locale(), 'migration.editor.verifyLens'),
            command: Commands.verifyParity,
            arguments: [folder],
          }),
        ];
      },
    }),
  );
}
