// Show Run Outputs in the real host against the emulator: from a run item of the Sessions tree, the panel's
// script renders one row per line of the run (line, status, inputs, outputs, duration, tokens) as the
// session service reads them, and opened on a line it shows that line's nodes. What the panel shows is
// what its script reports after rendering (the webview's own DOM, read back).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../../src/extension/main';
import type { RenderedOutputs } from '../../../../src/extension/runOutputsView';
import { viewModel } from '../../../../src/extension/runOutputsModel';
import type { RunLine, SubmitRunResult } from '../../../../src/core/session/types';
import { Commands, activateApi, runNodes, scenario, screenshot, waitFor, workspaceRoot } from '../../../helpers/host/session';

if (scenario() === 'main') {
  describe('Show Run Outputs (emulator)', function () {
    this.timeout(300_000);
    let api: ExtensionApi;
    const rendered: RenderedOutputs[] = [];

    before(async () => {
      api = await activateApi();
      api.onDidRenderRunOutputs((r) => rendered.push(r));
    });

    after(async () => {
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('Show Run Outputs shows the lines of a run from the tree, and a line with its nodes', async () => {
      const submitted = await vscode.commands.executeCommand<SubmitRunResult | undefined>(
        Commands.submitRun,
        vscode.Uri.file(path.join(workspaceRoot(), 'run.yml')),
      );
      assert.ok(submitted?.runId, 'the run was submitted');
      const runId = submitted.runId;
      await vscode.commands.executeCommand('notifications.clearAll');
      const service = (await api.getSessionService())!;
      assert.equal((await service.waitForRun(runId)).status, 'Completed');
      const lines = await service.runOutputs(runId);

      // The run's item in the tree, as a user finds it.
      let last = 0;
      const node = await waitFor(`run ${runId} in the tree`, async () => {
        // The tree reads the instances again on a refresh; once every two seconds is enough.
        if (Date.now() - last < 2000) return undefined;
        last = Date.now();
        api.tree.refresh();
        return (await runNodes(api)).find((n) => n.run?.runId === runId);
      });

      const shown = await vscode.commands.executeCommand<RunLine[] | undefined>(Commands.showRunOutputs, node);
      assert.deepEqual(shown, lines, 'the panel shows what the service reads');
      const table = await waitFor('the table rendered', () => rendered.find((r) => r.runId === runId && r.rows.length), [
        api.onDidRenderRunOutputs,
      ]);
      assert.deepEqual(
        table.rows.map((r) => r.slice(0, 3)),
        [
          ['0', 'Completed', 'name: Ada'],
          ['1', 'Completed', 'name: Grace'],
        ],
      );
      const model = viewModel('en');
      assert.deepEqual(
        table.rows,
        model.page(lines, 0).rows.map((r) => [r.line, r.status, r.inputs, r.outputs, r.duration, r.tokens]),
      );

      // Opened on line 1, the panel selects it and shows its nodes.
      rendered.length = 0;
      await vscode.commands.executeCommand(Commands.showRunOutputs, { runId, line: 1 });
      const detail = await waitFor('the line details rendered', () => rendered.find((r) => r.runId === runId && r.detail?.length), [
        api.onDidRenderRunOutputs,
      ]);
      const expected = model.detail(lines[1]);
      assert.equal(detail.detail![0], 'Line 1: Completed');
      assert.deepEqual(detail.detail, [
        expected.title,
        ...(expected.error ? [expected.error] : []),
        ...(expected.empty ? [expected.empty] : []),
        ...expected.nodes.flatMap((n) => n.fields.flat()),
      ]);
      await screenshot('run-outputs');
    });
  });
}
