// Runs in the real host against the emulator: the status the tree shows for a run is the one run history
// holds (FlowRunInfo carries none), and migrating from a compute-instance runtime offers that runtime's
// environment image for environment.image (S5, S11, S13).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../../src/extension/main';
import type { SubmitRunResult } from '../../../../src/core/session/types';
import { browserAction, describeWithBrowser } from '../../../helpers/host/screenshot';
import {
  Commands,
  activateApi,
  runNodes,
  control,
  dismissNotificationsUntil,
  scenario,
  waitFor,
  workspaceRoot,
} from '../../../helpers/host/session';

const RUNTIME = 'legacy-ci-runtime';
const RUNTIME_IMAGE = 'myregistry.azurecr.io/flows/from-runtime:7';

if (scenario() === 'main') {
  describeWithBrowser('runs (emulator)', function () {
    this.timeout(300_000);
    let api: ExtensionApi;
    let folder: string;

    before(async () => {
      api = await activateApi();
      folder = path.join(workspaceRoot(), 'from-runtime');
    });

    after(async () => {
      await control('DELETE', `/flowRuntimes/${RUNTIME}`);
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(folder, { recursive: true, force: true });
    });

    it("shows a run's status from run history in the tree", async () => {
      const result = await vscode.commands.executeCommand<SubmitRunResult | undefined>(
        Commands.submitRun,
        vscode.Uri.file(path.join(workspaceRoot(), 'run.yml')),
      );
      assert.ok(result?.runId, 'the submit returned a run id');
      assert.ok(result.run && result.run.status !== 'Unknown', `read back after the submit: ${JSON.stringify(result.run)}`);
      await vscode.commands.executeCommand('notifications.clearAll');
      const service = await api.getSessionService();
      let last = 0;
      const node = await waitFor(
        `run ${result.runId} Completed in the tree`,
        async () => {
          // The tree reads the instances again on a refresh; once every two seconds is enough.
          if (Date.now() - last < 2000) return undefined;
          last = Date.now();
          api.tree.refresh();
          const hit = (await runNodes(api)).find((n) => n.run?.runId === result.runId);
          return hit?.run?.status === 'Completed' ? hit : undefined;
        },
        [],
        240_000,
      );
      const read = await service!.runStatus(result.runId);
      // The display name (run.yml's, which two runs may share) with the status and the run id beside it.
      assert.match(node.label, /^hello-\d+/);
      assert.equal(node.label, read.displayName);
      assert.equal(node.description, `${read.status} · ${result.runId}`, 'the tree and run status agree');
    });

    it("offers the image of the flow's compute-instance runtime when migrating", async () => {
      await control('PUT', `/flowRuntimes/${RUNTIME}`, { computeInstance: 'demo-ci', image: RUNTIME_IMAGE });
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(
        path.join(folder, 'flow.dag.yaml'),
        'environment:\n  python_requirements_txt: requirements.txt\ninputs:\n  q:\n    type: string\noutputs:\n  a:\n    type: string\n    reference: ${inputs.q}\nnodes: []\n',
      );
      fs.writeFileSync(path.join(folder, 'requirements.txt'), 'pf-demo-text\n');
      // The run file names the runtime the flow ran on, so no choice is asked for.
      fs.writeFileSync(path.join(folder, 'run.yml'), `flow: .\ndata: data.jsonl\nruntime: ${RUNTIME}\n`);
      const migrating = vscode.commands.executeCommand<string[] | undefined>(Commands.migrate, vscode.Uri.file(folder).toString());
      // Enter, typing nothing: the box already holds the runtime's image.
      await browserAction('migrate-runtime-image', { input: {}, screenshot: false });
      // The command ends when its summary notification is dismissed; it is dismissed as soon as it is there
      // (no browser wait: the notifications center of the test host does not always show it in time).
      const done = await dismissNotificationsUntil(migrating);
      assert.ok(
        done?.some((line) => line.startsWith('Set environment.image in flow.dag.yaml')),
        `the summary says what was done: ${JSON.stringify(done)}`,
      );
      const flowFile = path.join(folder, 'flow.dag.yaml');
      const text = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === flowFile)?.getText() ?? '';
      assert.equal(/^\s*image:\s*(\S+)/m.exec(text)?.[1], RUNTIME_IMAGE, "environment.image is the runtime's image");
    });
  });
}
