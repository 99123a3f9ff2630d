// "Verify Parity with Agent Framework…" in the real host, as a user runs it on a flow of the workspace: the
// data file picked in the open dialog, the generated workflow chosen in the quick pick, the flow run on
// its compute session in the emulator and the generated workflow run here with python3 on the Agent
// Framework test double (test/doubles), and the report read as the browser renders it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../../src/extension/main';
import type { ErrorInfo } from '../../../../src/core/model';
import { extensionDir } from '../../../helpers/host/extensionUnderTest';
import { browserAction, describeWithBrowser } from '../../../helpers/host/screenshot';
import { Commands, activateApi, arm, emulator, scenario, webviewText, workspaceRoot } from '../../../helpers/host/session';

/** What the command returns once both sides ran (core/migration/verify.ts `VerifyOutcome`, the part read here). */
interface Outcome {
  kind: 'compared' | 'unavailable';
  reason?: string;
  sides?: { run: { runId: string; status: string } };
}

/** The Azure OpenAI account of the flow's connection (azure_open_ai_connection) in the emulator's demo. */
const ACCOUNT = 'pf-demo-aoai';

if (scenario() === 'main') {
  describeWithBrowser('parity with Agent Framework (emulator)', function () {
    this.timeout(300_000);
    let api: ExtensionApi;
    let folder: string;
    const saved = new Map<string, string | undefined>();
    const setEnv = (vars: Record<string, string>) => {
      for (const [k, v] of Object.entries(vars)) {
        if (!saved.has(k)) saved.set(k, process.env[k]);
        process.env[k] = v;
      }
    };

    before(async () => {
      api = await activateApi();
      folder = path.join(workspaceRoot(), 'parity');
      fs.cpSync(path.join(extensionDir, 'test', 'fixtures', 'parity', 'flow'), folder, { recursive: true });
      // Line 2 (n = 13) fails on the session only: the workflow side runs with PARITY_SIDE=workflow.
      fs.writeFileSync(
        path.join(folder, 'lines.jsonl'),
        '{"question": "One?", "n": 1}\n{"question": "Thirteen?", "n": 13}\n{"question": "Two?", "n": 2}\n',
      );
      const e = emulator();
      // Reading an account's keys takes Contributor or Owner: the demo's admin.
      const keys = await arm(
        'POST',
        `/subscriptions/${e.subscriptionId}/resourceGroups/${e.resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${ACCOUNT}/listKeys?api-version=2023-05-01`,
        undefined,
        'admin',
      );
      assert.equal(keys.status, 200, `the account's keys: ${keys.status}`);
      // The generated project's .env.example names these for the flow's connection; python3 (spawned by the
      // extension, in this process) reads them, and its chat client trusts the emulator's certificate.
      setEnv({
        PYTHONPATH: path.join(extensionDir, 'test', 'doubles'),
        SSL_CERT_FILE: e.ca,
        PARITY_SIDE: 'workflow',
        AZURE_OPEN_AI_CONNECTION_API_BASE: `${e.endpoint}/_aoai/${ACCOUNT}/`,
        AZURE_OPEN_AI_CONNECTION_API_KEY: (keys.body as { key1: string }).key1,
      });
    });

    /** Set once the workflow is chosen: the command then submits a run, which starts the flow's session. */
    let submitting = false;
    /** Set once the run was read back: the session then surely runs. */
    let ran = false;

    after(async () => {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      // The run started the flow's session: stopped through the session service (no UI in the way), so that the
      // suites after this one find the emulator as it was.
      const service = submitting ? await api.getSessionService() : undefined;
      const stopped = service ? await service.stop(folder) : undefined;
      fs.rmSync(folder, { recursive: true, force: true });
      if (ran) assert.ok(stopped?.sessionId, 'the session the parity run started was stopped');
    });

    it('verifies parity of a flow from the editor and opens the report rendered', async () => {
      const reported: ErrorInfo[] = [];
      const sub = api.onDidReportError((e) => reported.push(e.info));
      try {
        await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, 'flow.dag.yaml')));
        const verifying = vscode.commands.executeCommand<Outcome | undefined>(Commands.verifyParity, vscode.Uri.file(folder));
        // The open dialog (the workbench's own here: a box holding a path, the folder's files below it), once
        // it lists the flow's folder: the data file typed in, then Enter.
        await browserAction('parity-data', {
          waitFor: { selector: '.quick-input-widget', hasText: 'lines.jsonl' },
          input: { text: path.join(folder, 'lines.jsonl') },
          screenshot: false,
        });
        // The workflow: the first choice, generated from the flow for this check.
        await browserAction('parity-workflow', {
          waitFor: { selector: '.quick-input-widget', hasText: 'Which Agent Framework workflow?' },
          input: {},
        });
        submitting = true;
        const outcome = await verifying;
        ran = !!outcome?.sides;
        assert.ok(outcome, `the command ended without a report; errors shown: ${JSON.stringify(reported)}`);
        assert.equal(outcome.kind, 'compared', `a side could not run: ${outcome.reason}`);
        assert.equal(outcome.sides?.run.status, 'Completed');

        const shown = await webviewText('parity-report', 'Parity does not hold');
        assert.match(shown, /Parity: parity\/flow\.dag\.yaml and its Agent Framework workflow/);
        assert.match(shown, /^✗ Parity does not hold: 2 of 3 line\(s\) match \(66\.6%; at least 100\.0% needed\)\.$/m);
        assert.match(
          shown,
          new RegExp(`Prompt flow run: ${outcome.sides!.run.runId} \\(Completed\\)\\. Workflow: generated from the flow`),
        );
        // One row per output of the flow, each matching on the two lines both sides ran.
        for (const output of ['answer', 'prompt', 'kind', 'shouted'])
          assert.match(shown, new RegExp(`^✗ ${output}\\s+2 / 3\\s+66\\.6%$`, 'm'));
        assert.match(shown, /No output differs on the lines both sides ran\./);
        assert.match(shown, /^✗ Line 2: failed in the prompt flow run only: .*13 is refused on the session/m);
        // Rendered, not the Markdown source, and no emoji (the reports' marks are text: core/model.ts REPORT_MARKS).
        assert.doesNotMatch(shown, /^#|\*\*|^\|/m);
        assert.doesNotMatch(shown, /\p{Extended_Pictographic}/u);
        assert.ok(!shown.includes(process.env.AZURE_OPEN_AI_CONNECTION_API_KEY!), 'the connection key is never shown');
      } finally {
        sub.dispose();
      }
    });
  });
}
