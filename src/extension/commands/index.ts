import * as vscode from 'vscode';
import { LensCommands } from '../../shared/protocol';
import { UserCancelled } from '../connection';
import type { Ctx } from '../ctx';
import { changeBaseImage, migrate, saveAndInstall, saveOnly } from './flowEdits';
import { submitRun, showRunLogs } from './runs';
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
import { attachIdentity, openFlow, openInStudio, preflight, refresh, selectWorkspace, showLog, signIn, useEmulator } from './workspace';

type Factory = (ctx: Ctx) => (arg?: unknown) => Promise<unknown>;

/** Every command id → its factory. One handler serves the palette, the tree, codelenses and the status bar. */
export const commandFactories: Record<string, Factory> = {
  [LensCommands.start]: start,
  [LensCommands.startWithSettings]: startWithSettings,
  [LensCommands.reset]: reset,
  [LensCommands.install]: installRequirements,
  [LensCommands.stop]: stop,
  [LensCommands.packages]: showPackages,
  [LensCommands.changeBaseImage]: changeBaseImage,
  [LensCommands.saveAndInstall]: saveAndInstall,
  [LensCommands.saveOnly]: saveOnly,
  [LensCommands.submitRun]: submitRun,
  'promptflow.session.changeSettings': changeSettings,
  'promptflow.session.actions': actions,
  'promptflow.session.migrate': migrate,
  'promptflow.instance.delete': deleteInstance,
  'promptflow.run.showLogs': showRunLogs,
  'promptflow.openInStudio': openInStudio,
  'promptflow.preflight': preflight,
  'promptflow.attachIdentity': attachIdentity,
  'promptflow.signIn': signIn,
  'promptflow.selectWorkspace': selectWorkspace,
  'promptflow.useEmulator': useEmulator,
  'promptflow.refresh': refresh,
  'promptflow.showLog': showLog,
  'promptflow.flow.open': openFlow,
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
}
