// The extension's entry: activate() builds the context, and returns a test API in development builds.
import * as vscode from 'vscode';
import type { ISessionService } from '../core/session/types';
import { onDidShowWizardStep } from './commands/wizardUi';
import { Ctx } from './ctx';
import type { TreeNode } from './tree/items';
import type { RetirementNotice } from './retirement';
import type { RunOutputsPanels } from './runOutputsView';
import type { WorkspaceDataView } from './workspaceData';
import { t } from './i18n';

/** What activate() returns in development builds: a handle for tests and the benchmark, not a public API. */
export interface ExtensionApi {
  /** performance.now() marks (one clock for the whole host process) for the activation bench. */
  timing: {
    bundleLoadStart?: number;
    vscodeApiEnd?: number;
    bundleLoadEnd?: number;
    activateStart: number;
    activateEnd: number;
    clientLoad: { start?: number };
  };
  getSessionService(interactive?: boolean): Promise<ISessionService | undefined>;
  whenLanguageClientReady(): Promise<void>;
  tree: { getChildren(node?: TreeNode): Promise<TreeNode[]>; getTreeItem(node: TreeNode): vscode.TreeItem; refresh(): void };
  statusBar: { readonly text: string; readonly tooltip: string };
  /** The workspace checks' language status item and the data behind it. */
  workspaceData: { readonly view: WorkspaceDataView; onDidChange: vscode.Event<void> };
  onDidChangeSession: Ctx['onDidChangeSession'];
  onDidReportError: Ctx['errors']['onDidReport'];
  /** The status bar's confirmation once an operation ended. */
  onDidConfirm: Ctx['onDidConfirm'];
  onDidShowWizardStep: typeof onDidShowWizardStep;
  /** Prompt flow's retirement: the Sessions view's header and the once-per-workspace notice. */
  retirement: {
    readonly viewDescription: string | undefined;
    notice: Pick<RetirementNotice, 'maybeShow' | 'reset' | 'onDidShow'>;
  };
  /** True once dist/session.js (the Azure SDK) has been loaded. */
  isSessionBundleLoaded(): boolean;
  /** What each run outputs panel's script reports it shows, after every change. */
  onDidRenderRunOutputs: RunOutputsPanels['onDidRender'];
}

let ctx: Ctx | undefined;
/**
 * Marks set by the bundle's first line (load start, then after the first `require('vscode')`) and its last
 * line (load end), written by esbuild's banner and footer; absent when the module is loaded unbundled.
 */
declare const __pfsBundleLoadStart: number | undefined;
declare const __pfsBundleLoadEnd: number | undefined;
declare const __pfsVscodeApiEnd: number | undefined;

/** True in development builds and the bench's build; false (and the hooks compiled out) in the shipped one. */
declare const __PFS_TEST_HOOKS__: boolean;

export function activate(context: vscode.ExtensionContext): ExtensionApi | undefined {
  const started = performance.now();
  try {
    ctx = new Ctx(context);
    context.subscriptions.push(ctx);
    ctx.start();
    const ended = performance.now();
    return __PFS_TEST_HOOKS__ ? testApi(ctx, started, ended) : undefined;
  } catch (e) {
    // VS Code stays silent when activate throws; say it ourselves.
    const message = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(t('extension.activationFailed', { error: message }));
    console.error(e);
    return undefined;
  }
}

function testApi(c: Ctx, started: number, ended: number): ExtensionApi {
  return {
    timing: {
      bundleLoadStart: typeof __pfsBundleLoadStart === 'number' ? __pfsBundleLoadStart : undefined,
      vscodeApiEnd: typeof __pfsVscodeApiEnd === 'number' ? __pfsVscodeApiEnd : undefined,
      bundleLoadEnd: typeof __pfsBundleLoadEnd === 'number' ? __pfsBundleLoadEnd : undefined,
      activateStart: started,
      activateEnd: ended,
      clientLoad: c.client.loadMarks,
    },
    getSessionService: (interactive = false) => c.connection.getService(interactive),
    whenLanguageClientReady: () => c.client.whenReady(),
    tree: {
      getChildren: (node) => c.tree.getChildren(node),
      getTreeItem: (node) => c.tree.getTreeItem(node),
      refresh: () => c.tree.refresh(),
    },
    statusBar: c.statusBar,
    workspaceData: c.workspaceData,
    onDidChangeSession: c.onDidChangeSession,
    onDidReportError: c.errors.onDidReport,
    onDidConfirm: c.onDidConfirm,
    onDidShowWizardStep,
    isSessionBundleLoaded: () => c.connection.isBundleLoaded(),
    onDidRenderRunOutputs: c.runOutputs.onDidRender,
    retirement: {
      get viewDescription() {
        return c.sessionsView?.description;
      },
      notice: {
        maybeShow: (now) => c.retirementNotice.maybeShow(now),
        reset: () => c.retirementNotice.reset(),
        onDidShow: c.retirementNotice.onDidShow,
      },
    },
  };
}

export function deactivate(): Thenable<void> | undefined {
  const c = ctx;
  ctx = undefined;
  if (!c) return undefined;
  const stopping = c.client.dispose();
  c.dispose();
  return stopping;
}
