// Settings, instances and prerequisites in the real host against the emulator, as a user does them: the
// wizard completed to a running session, a VM size change that resets and an identity change, stop
// saying "compute deleted" only when it is, deleting an instance through its impact dialog, the
// preflight command, attaching an identity (its roles are read at once), the idle countdown against the
// emulator's clock, and a stopped compute instance started only after the user agrees.
import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../../src/extension/main';
import type { WizardStepShown } from '../../../../src/extension/commands/wizardUi';
import type {
  ErrorInfo,
  IdentityOption,
  InstanceDeletion,
  PreflightReport,
  SessionInfo,
  StopResult,
} from '../../../../src/core/session/types';
import { browserAction, describeWithBrowser } from '../../../helpers/host/screenshot';
import {
  Commands,
  activateApi,
  control,
  emulator,
  scenario,
  showNotification,
  waitFor,
  webviewText,
  workspaceRoot,
} from '../../../helpers/host/session';

const long = 300_000;
const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';

interface EmulatorState {
  sessions: { sessionId: string; vmSize: string; identity: string | null; maxIdleTimeSeconds: number }[];
  operations: { sessionId: string }[];
  computeInstances: { name: string; state: string }[];
}

/** An ARM call as the emulator's demo user (what another tool, or the studio, would do meanwhile). */
async function armAsDemo(method: string, route: string): Promise<number> {
  const e = emulator();
  const url = new URL(route, e.endpoint);
  // A token of its own: other suites expire every token issued so far, the ready line's too.
  const { access_token: token } = (await control('POST', '/tokens', { user: 'demo' })) as { access_token: string };
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, ca: fs.readFileSync(e.ca, 'utf8'), headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

if (scenario() === 'main') {
  describeWithBrowser('session settings, instances and prerequisites (emulator)', function () {
    this.timeout(long);
    let api: ExtensionApi;
    let hello: string;
    let faults: string;
    const steps: WizardStepShown[] = [];
    let sub: vscode.Disposable;
    const uri = (folder: string) => vscode.Uri.file(folder).toString();
    const state = () => control('GET', '/state') as Promise<EmulatorState>;
    const changed = () => [api.onDidChangeSession as vscode.Event<unknown>];
    /** The next wizard step whose placeholder matches, shown after `from` steps. */
    const step = (placeholder: RegExp, from: number) =>
      waitFor(`the wizard step ${placeholder}`, () => steps.slice(from).find((s) => placeholder.test(s.placeholder)), [
        api.onDidShowWizardStep as vscode.Event<unknown>,
      ]);
    /** Accepts the active item once the browser shows the quick pick with `label` in it (its items have arrived). */
    const acceptWhenShown = async (name: string, label: string) => {
      await browserAction(name, { waitFor: { selector: '.quick-input-widget .monaco-list-row', hasText: label }, screenshot: false });
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    };
    /** Types into the quick pick once it shows `shown`, narrowing it to `text`, and presses Enter. */
    const pick = (name: string, shown: string, text: string) =>
      browserAction(name, { waitFor: { selector: '.quick-input-widget', hasText: shown }, input: { text }, screenshot: false });

    before(async () => {
      api = await activateApi();
      sub = api.onDidShowWizardStep((s) => steps.push(s));
      hello = path.join(workspaceRoot(), 'hello');
      faults = path.join(workspaceRoot(), 'faults');
    });

    after(async () => {
      sub.dispose();
      for (const folder of [hello, faults]) await vscode.commands.executeCommand(Commands.stop, uri(folder));
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('completes the start-with-settings wizard to a running session with the chosen VM size and idle time', async () => {
      const from = steps.length;
      const running = vscode.commands.executeCommand<SessionInfo | undefined>(Commands.startWithSettings, uri(hello));
      await step(/Where should the session run/, from);
      await acceptWhenShown('wizard-type', 'Serverless compute');
      await step(/VM size/, from);
      // Typed into the quick pick, as a user narrows hundreds of sizes down.
      await pick('wizard-vm-size', 'Standard_', 'Standard_D2s_v3');
      await step(/idle/i, from);
      await acceptWhenShown('wizard-idle', '30 minutes');
      await step(/Identity used/, from);
      await acceptWhenShown('wizard-identity', "User's identity");
      await step(/Review the session settings/, from);
      await acceptWhenShown('wizard-confirm', 'Confirm');
      const s = await running;
      assert.equal(s?.state, 'running', JSON.stringify(s?.error));
      assert.equal(s?.vmSize, 'Standard_D2s_v3', 'the service runs the chosen size');
      assert.equal(s?.settings.idleMinutes, 30);
      const onService = (await state()).sessions.find((x) => x.sessionId === s?.sessionId);
      assert.equal(onService?.vmSize, 'Standard_D2s_v3');
      assert.equal(onService?.maxIdleTimeSeconds, 1800);
    });

    it('changes the VM size of the running session, which resets it, and then its identity', async () => {
      let from = steps.length;
      const resizing = vscode.commands.executeCommand<SessionInfo | undefined>(Commands.changeSettings, uri(hello));
      await step(/Where should the session run/, from);
      await acceptWhenShown('change-type', 'Serverless compute');
      await step(/Identity used/, from);
      await acceptWhenShown('change-identity-keep', "User's identity");
      await step(/Review the session settings/, from);
      const reviewAt = steps.length;
      await pick('change-vm-size', 'Change VM size', 'Change VM size');
      const sizes = await step(/VM size/, reviewAt);
      assert.equal(sizes.active, 'Standard_D2s_v3', 'the list opens on the size the session runs on');
      await pick('change-vm-size-pick', 'Standard_', 'Standard_D4s_v3');
      await step(/Review the session settings/, reviewAt);
      await acceptWhenShown('change-confirm', 'Confirm');
      // The user is told that the change resets the session, and agrees.
      await pick('change-and-reset', 'Change and reset', 'Change and reset');
      const resized = await resizing;
      assert.equal(resized?.state, 'running', JSON.stringify(resized?.error));
      assert.equal(resized?.vmSize, 'Standard_D4s_v3');
      assert.equal((await state()).sessions.find((x) => x.sessionId === resized?.sessionId)?.vmSize, 'Standard_D4s_v3');

      from = steps.length;
      const identity = vscode.commands.executeCommand<SessionInfo | undefined>(Commands.changeSettings, uri(hello));
      await step(/Where should the session run/, from);
      await acceptWhenShown('identity-type', 'Serverless compute');
      await step(/Identity used/, from);
      await pick('change-identity', 'pf-demo-uai', 'pf-demo-uai');
      await step(/Review the session settings/, from);
      await acceptWhenShown('identity-confirm', 'Confirm');
      await pick('identity-reset', 'Change and reset', 'Change and reset');
      const moved = await identity;
      assert.equal(moved?.state, 'running', JSON.stringify(moved?.error));
      assert.match(moved?.identityResourceId ?? '', /\/userAssignedIdentities\/pf-demo-uai$/);
      assert.match((await state()).sessions.find((x) => x.sessionId === moved?.sessionId)?.identity ?? '', /pf-demo-uai$/);
    });

    it('says the serverless compute was deleted only when the service no longer has it', async () => {
      const service = await api.getSessionService();
      // Both flows on the user's default compute: the same VM size and identity share one.
      const a = (await service!.changeSettings(hello, { computeType: 'serverless', vmSize: 'Standard_D4s_v3' })).session;
      const b = await vscode.commands.executeCommand<SessionInfo | undefined>(Commands.start, uri(faults));
      assert.equal(b?.computeName, a.computeName, 'one compute for both');
      await vscode.commands.executeCommand('notifications.clearAll');
      const first = await vscode.commands.executeCommand<StopResult | undefined>(Commands.stop, uri(faults));
      assert.equal(first?.computeDeleted, false);
      assert.equal(first?.compute, 'kept');
      await showNotification('stop-compute-kept', 'stays: other sessions still use it');
      const last = await vscode.commands.executeCommand<StopResult | undefined>(Commands.stop, uri(hello));
      assert.equal(last?.computeDeleted, true);
      await showNotification('stop-compute-deleted', 'the serverless compute was deleted too');
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('deletes an instance through its impact dialog and confirms what is gone', async () => {
      const started = await vscode.commands.executeCommand<SessionInfo | undefined>(Commands.start, uri(hello));
      assert.equal(started?.state, 'running');
      const [ws] = await api.tree.getChildren();
      const node = await waitFor(
        'the instance of the hello session in the tree',
        async () => (await api.tree.getChildren(ws)).find((i) => i.instance?.sessions.some((s) => s.sessionId === started?.sessionId)),
        changed(),
      );
      const deleting = vscode.commands.executeCommand<InstanceDeletion | undefined>(Commands.deleteInstance, node);
      // What the deletion ends is listed before anything is deleted; a screenshot shows it.
      await browserAction('delete-instance-impact', { waitFor: { selector: '.quick-input-widget', hasText: 'session hello' } });
      await pick('delete-instance', 'session hello', 'Delete');
      const done = await deleting;
      assert.equal(done?.deleted, 'compute');
      assert.deepEqual(done?.sessionsGone, [started?.sessionId]);
      assert.ok(['deleted', 'deleting'].includes(done?.compute ?? ''), done?.compute);
      await showNotification('instance-deleted', 'session(s) gone');
      const service = await api.getSessionService();
      assert.equal((await service!.status(hello)).state, 'notStarted');
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('runs the preflight command, and a failed prerequisite stops a start before anything is created', async () => {
      // faults must not be running already, or the start below would only say so.
      await vscode.commands.executeCommand(Commands.stop, uri(faults));
      const reported: ErrorInfo[] = [];
      const errors = api.onDidReportError((e) => reported.push(e.info));
      await control('PATCH', `/workspaces/${emulator().workspace}`, { hasWorkingDirectory: false });
      try {
        const report = await vscode.commands.executeCommand<PreflightReport | undefined>(Commands.preflight, uri(hello));
        assert.equal(report?.ok, false);
        assert.equal(report?.checks.find((c) => c.id === 'workingDirectory')?.status, 'fail');
        const doc = await waitFor('the preflight report', () =>
          vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'promptflow-report' && /Prerequisites of hello/.test(d.uri.path)),
        );
        assert.match(doc.getText(), /^## ✗ Working directory/m);
        assert.match(doc.getText(), /Who can fix it: workspace Owner/);
        // Rendered, with marks any font draws (no emoji).
        const shown = await webviewText('preflight', 'Working directory');
        assert.match(shown, /✗ Working directory/);
        assert.match(shown, /✓ /);
        assert.doesNotMatch(shown, /[\u{1F300}-\u{1FAFF}\u2705\u274C\u2754]/u);
        await showNotification('preflight-failed', 'prerequisite(s) failed');
        const ops = (await state()).operations.length;
        const result = await vscode.commands.executeCommand<SessionInfo | undefined>(Commands.start, uri(faults));
        assert.ok(!result || result.state !== 'running');
        const error = await waitFor('the prerequisite error', () => reported.find((e) => e.code === 'Preflight.workingDirectory'), [
          api.onDidReportError as vscode.Event<unknown>,
        ]);
        assert.equal(error.kind, 'storage');
        assert.ok(error.fix && error.who);
        assert.equal((await state()).operations.length, ops, 'no session was asked for');
      } finally {
        errors.dispose();
        await control('PATCH', `/workspaces/${emulator().workspace}`, { hasWorkingDirectory: true });
        await vscode.commands.executeCommand('notifications.clearAll');
      }
    });

    it('attaches an identity and reads its roles at once, naming each missing one', async () => {
      const created = (await control('POST', '/identities', { name: 'pf-host-uai' })) as { resourceId: string };
      // Attaching needs Contributor on the workspace, which the demo user gets for this test only.
      const grant = (await control('POST', '/roleAssignments', { user: 'demo', role: CONTRIBUTOR, scope: 'workspace' })) as {
        name: string;
      };
      try {
        const attaching = vscode.commands.executeCommand<IdentityOption[] | undefined>(Commands.attachIdentity);
        await browserAction('attach-identity', { input: { text: created.resourceId }, screenshot: false });
        const list = await attaching;
        assert.ok(
          list?.some((i) => i.name === 'pf-host-uai'),
          JSON.stringify(list),
        );
        const doc = await waitFor('the identity roles report', () =>
          vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'promptflow-report' && /Identity roles/.test(d.uri.path)),
        );
        const text = doc.getText();
        assert.match(text, /✗ pf-host-uai: Contributor on storage account st\w+/);
        assert.match(text, /✗ pf-host-uai: Storage Blob Data Contributor on storage account/);
        assert.match(text, /✗ pf-host-uai: Contributor on key vault kv\w+/);
        assert.match(text, /Who can fix it: Owner of storage account/);
        assert.match(text, /✓ pf-host-uai is attached to the workspace/);
        await showNotification('identity-roles-missing', 'prerequisite(s) failed');
      } finally {
        await control('DELETE', `/roleAssignments/${grant.name}`);
        await vscode.commands.executeCommand('notifications.clearAll');
      }
    });

    it("counts the idle time down on the service's clock", async () => {
      const service = await api.getSessionService();
      await service!.startWithSettings(hello, { computeType: 'serverless', idleMinutes: 60 });
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(hello, 'flow.dag.yaml')));
      await waitFor('an hour left', () => /idle (59|60) min left/.test(api.statusBar.text) || undefined, changed());
      await control('POST', '/clock/advance', { seconds: 50 * 60 });
      await vscode.commands.executeCommand(Commands.refresh);
      await waitFor('ten minutes left', () => /idle (9|10) min left/.test(api.statusBar.text) || undefined, changed());
      await control('POST', '/clock/advance', { seconds: 11 * 60 });
      await vscode.commands.executeCommand(Commands.refresh);
      await waitFor('deleted for idleness', () => /Not started/.test(api.statusBar.text) || undefined, changed());
    });

    it('starts a stopped compute instance for a session only after the user agrees', async () => {
      const service = await api.getSessionService();
      const settings = { computeType: 'computeInstance' as const, computeInstanceName: 'demo-ci' };
      await control('PUT', '/computeInstances/demo-ci', { state: 'Running', assignedUser: 'demo' });
      await service!.startWithSettings(faults, settings);
      // The instance is stopped elsewhere (studio, a schedule): its sessions go with it.
      const e = emulator();
      const ws = `/subscriptions/${e.subscriptionId}/resourceGroups/${e.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${e.workspace}`;
      assert.equal(await armAsDemo('POST', `${ws}/computes/demo-ci/stop?api-version=2022-10-01`), 202);
      await waitFor('the instance to stop', async () =>
        (await state()).computeInstances.find((c) => c.name === 'demo-ci')?.state === 'Stopped' ? true : undefined,
      );
      const starting = vscode.commands.executeCommand<SessionInfo | undefined>(Commands.start, uri(faults));
      await pick('start-instance', 'demo-ci is stopped', 'Start the instance');
      const s = await starting;
      assert.equal(s?.state, 'running', JSON.stringify(s?.error));
      assert.equal(s?.computeName, 'demo-ci');
      assert.equal((await state()).computeInstances.find((c) => c.name === 'demo-ci')?.state, 'Running');
      await vscode.commands.executeCommand(Commands.stop, uri(faults));
    });
  });
}
