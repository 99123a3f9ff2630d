// Prompt flow's retirement in the real host: the status bar tooltip and the Sessions view's header state
// the days left, and the notice shows once per workspace and, once dismissed, not again for 30 days.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { render, toLocale } from '../../../../src/core/i18n';
import { MIGRATION_GUIDE_URL, retirementSentence, retirementShort } from '../../../../src/core/retirement';
import type { ExtensionApi } from '../../../../src/extension/main';
import { activateApi, scenario, waitFor, workspaceRoot } from '../../../helpers/host/session';

const DAY = 86_400_000;

// In English (main) and in Japanese (ja): the texts are rendered in the host's display language.
if (scenario() === 'main' || scenario() === 'ja') {
  describe('prompt flow retirement', function () {
    this.timeout(120_000);
    let api: ExtensionApi;
    const loc = () => toLocale(vscode.env.language);

    before(async () => {
      api = await activateApi();
    });

    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('states the days left and links the guide in the status bar tooltip and the Sessions view header', async () => {
      const from = Date.now();
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(workspaceRoot(), 'hello', 'flow.dag.yaml')));
      // The texts depend on the day: either side of a midnight UTC during the test is right.
      const around = () => [from, Date.now()];
      const tooltip = await waitFor(
        'the days left in the status bar tooltip',
        () => {
          const t = api.statusBar.tooltip;
          return around().some((at) => t.includes(render(loc(), retirementSentence(at)))) ? t : undefined;
        },
        [vscode.window.onDidChangeActiveTextEditor as vscode.Event<unknown>, api.onDidChangeSession as vscode.Event<unknown>],
      );
      assert.ok(tooltip.includes(`(${MIGRATION_GUIDE_URL})`), 'the tooltip links the migration guide');
      if (scenario() === 'ja') assert.match(tooltip, /読み取り専用/, 'in Japanese');
      const headers = around().map((at) => render(loc(), retirementShort(at)));
      assert.ok(headers.includes(api.retirement.viewDescription ?? ''), `the Sessions view says "${api.retirement.viewDescription}"`);
    });

    it('shows the notice once per workspace, and not again for 30 days after it is dismissed', async () => {
      const notice = api.retirement.notice;
      // The notice of activation may still be open: closed, its answer is then forgotten.
      await vscode.commands.executeCommand('notifications.clearAll');
      await notice.reset();
      const shown: string[] = [];
      const sub = notice.onDidShow((t) => shown.push(t));
      try {
        const first = notice.maybeShow();
        assert.ok(first, 'shown when this workspace has no answer');
        assert.equal(notice.maybeShow(), undefined, 'not a second time while it is open');
        assert.equal(shown.length, 1);
        assert.ok(
          [Date.now() - 60_000, Date.now()].some((at) => shown[0] === render(loc(), retirementSentence(at))),
          shown[0],
        );

        // Closed without a button: a dismissal like "Don't show for 30 days" (no browser needed for it).
        await vscode.commands.executeCommand('notifications.clearAll');
        assert.equal(await first, 'closed');

        assert.equal(notice.maybeShow(), undefined, 'not shown again once dismissed');
        assert.equal(notice.maybeShow(Date.now() + 29 * DAY), undefined, 'nor 29 days later');
        const later = notice.maybeShow(Date.now() + 31 * DAY);
        assert.ok(later, 'shown again after 30 days');
        await vscode.commands.executeCommand('notifications.clearAll');
        assert.equal(await later, 'closed');
        assert.equal(shown.length, 2);
      } finally {
        sub.dispose();
      }
    });
  });
}
