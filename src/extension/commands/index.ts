// Every command id mapped to its factory, and their registration with one error handler for all.
import * as vscode from 'vscode';
import { Commands, type CommandId } from '../../shared/commands';
import { UserCancelled } from '../connection';
import type { Ctx } from '../ctx';
import type { CommandFactory } from './factory';
import { changeBaseImage, migrate, saveAndInstall, saveOnly } from './flowEdits';
import { generateWorkflow, planMigration, registerMigrationLens, verifyParity } from './migration';
import { copyReport, openReportAsText } from './report';
import { submitRun, showRunLogs, showRunOutputs } from './runs';
import {
  actions,
  changeSettings,
  deleteInstance,
  installRequirements,
  reset,
  showPackages,
  start,
  startWithSettings,
  stop,
} from './session';
import {
  attachIdentity,
  openFlow,
  openInStudio,
  preflight,
  refresh,
  refreshWorkspaceData,
  selectWorkspace,
  showLog,
  signIn,
  useEmulator,
} from './workspace';

/** Every command id → its factory. One handler serves the palette, the tree, codelenses and the status bar. */
export const commandFactories: Record<CommandId, CommandFactory> = {
  [Commands.start]: start,
  [Commands.startWithSettings]: startWithSettings,
  [Commands.installRequirements]: installRequirements,
  [Commands.showPackages]: showPackages,
  [Commands.changeSettings]: changeSettings,
  [Commands.changeBaseImage]: changeBaseImage,
  [Commands.reset]: reset,
  [Commands.stop]: stop,
  [Commands.sessionActions]: actions,
  [Commands.migrate]: migrate,
  [Commands.saveAndInstall]: saveAndInstall,
  [Commands.saveOnly]: saveOnly,
  [Commands.submitRun]: submitRun,
  [Commands.showRunLogs]: showRunLogs,
  [Commands.showRunOutputs]: showRunOutputs,
  [Commands.deleteInstance]: deleteInstance,
  [Commands.preflight]: preflight,
  [Commands.attachIdentity]: attachIdentity,
  [Commands.openInStudio]: openInStudio,
  [Commands.signIn]: signIn,
  [Commands.selectWorkspace]: selectWorkspace,
  [Commands.useEmulator]: useEmulator,
  [Commands.refresh]: refresh,
  [Commands.refreshWorkspaceData]: refreshWorkspaceData,
  [Commands.showLog]: showLog,
  [Commands.openFlow]: openFlow,
  [Commands.copyReport]: copyReport,
  [Commands.openReportAsText]: openReportAsText,
  [Commands.planMigration]: planMigration,
  [Commands.generateWorkflow]: generateWorkflow,
  [Commands.verifyParity]: verifyParity,
};

export function registerCommands(ctx: Ctx): void {
  for (const [id, factory] of Object.entries(commandFactories)) {
    const handler = factory(ctx);
    ctx.subscriptions.push(
      vscode.commands.registerCommand(id, async (arg?: unknown) => {
        try {
          return await handler(arg);
        } catch (e) {
          // A dismissed pick is not an error; anything else is shown, never thrown into VS Code's void.
          if (e instanceof UserCancelled) return undefined;
          void ctx.errors.show(id, e);
          return undefined;
        }
      }),
    );
  }
  registerMigrationLens(ctx);
}
