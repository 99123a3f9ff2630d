// Start with settings as a step wizard (Back works, sizes with quota first), and a start that fails
// for lack of quota: the error arrives with its kind and the fix the user can act on.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ErrorInfo, VmSizeOption } from '../../../../src/core/session/types';
import type { ExtensionApi } from '../../../../src/extension/main';
import type { WizardStepShown } from '../../../../src/extension/commands/wizardUi';
import { Commands, activateApi, control, screenshot, scenario, waitFor, workspaceRoot } from '../../../helpers/host/session';

if (scenario() === 'main') {
  describe('start with settings wizard', function () {
    this.timeout(120_000);
    let api: ExtensionApi;
    const steps: WizardStepShown[] = [];
    let sub: vscode.Disposable;

    before(async () => {
      api = await activateApi();
      sub = api.onDidShowWizardStep((s) => steps.push(s));
    });
    after(() => sub.dispose());

    it('walks compute type → VM size, lists D series with quota first, and goes Back', async () => {
      const folder = vscode.Uri.file(path.join(workspaceRoot(), 'hello')).toString();
      const running = vscode.commands.executeCommand(Commands.startWithSettings, folder);
      const first = await waitFor('the compute type step', () => steps.find((s) => s.step === 1));
      assert.equal(first.items.length, 2);
      await screenshot('wizard');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const vm = await waitFor('the VM size step', () => steps.find((s) => s.step === 2));
      assert.match(vm.items[0], /^Standard_D/, `first size offered: ${vm.items[0]}`);
      // Grouped by quota family with its free vCPUs, sizes in the order their numbers read.
      assert.match(vm.separators[0], /^\d+ vCPUs free in standardD\w*Family$/, vm.separators.join(' | '));
      assert.ok(vm.separators.length > 20, `${vm.separators.length} families`);
      const at = (name: string) => vm.items.indexOf(name);
      assert.ok(at('Standard_D2_v2') >= 0 && at('Standard_D2_v2') < at('Standard_D11_v2'), 'D2_v2 before D11_v2');
      assert.ok(at('Standard_D2') >= 0 && at('Standard_D2') < at('Standard_D11'), 'D2 before D11');
      assert.ok(at('Standard_D4s_v3') < at('Standard_D16s_v3'), 'D4s_v3 before D16s_v3');
      const count = steps.length;
      await vscode.commands.executeCommand('workbench.action.quickInputBack');
      const back = await waitFor('the compute type step again', () => steps.slice(count).find((s) => s.step === 1));
      assert.equal(back.placeholder, first.placeholder);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.equal(await running, undefined, 'a cancelled wizard starts nothing');
    });
  });

  describe('a start that fails for lack of quota', function () {
    this.timeout(180_000);
    let api: ExtensionApi;
    let saved: VmSizeOption[] = [];

    before(async () => {
      api = await activateApi();
    });

    after(async () => {
      // Give the families their vCPUs back for the suites that follow.
      const families = new Map(saved.map((v) => [v.family, v.quotaAvailable]));
      for (const [family, limit] of families) await control('POST', '/quotas', { family, limit });
    });

    it('reports a quota error with a fix', async () => {
      const service = await api.getSessionService(false);
      assert.ok(service, 'no session service for the emulator workspace');
      saved = await service.vmSizes();
      for (const family of new Set(saved.map((v) => v.family))) await control('POST', '/quotas', { family, limit: 0 });
      const reported: ErrorInfo[] = [];
      const sub = api.onDidReportError((e) => reported.push(e.info));
      try {
        const folder = vscode.Uri.file(path.join(workspaceRoot(), 'hello')).toString();
        const result = (await vscode.commands.executeCommand(Commands.start, folder)) as { state?: string } | undefined;
        assert.ok(!result || result.state === 'failed', `the start must not succeed: ${JSON.stringify(result)}`);
        const info = await waitFor(
          'the quota error',
          () => reported.find((e) => e.kind === 'quota'),
          [api.onDidReportError as vscode.Event<unknown>],
          60_000,
        );
        assert.ok(info.message.length > 0);
        assert.ok(info.fix, 'a quota error says what to do');
        assert.doesNotMatch(api.statusBar.text, /Running/);
      } finally {
        sub.dispose();
      }
    });
  });
}
