// The run outputs panel: one webview panel per run, showing the lines the session service read (a page
// of rows at a time, a line's nodes on selection). The page is runOutputsHtml.ts, the data
// runOutputsModel.ts, the script media/runOutputs/; this module only connects them.
import * as vscode from 'vscode';
import type { RunLine } from '../core/session/types';
import { locale, t } from './i18n';
import { newNonce, runOutputsHtml } from './runOutputsHtml';
import { PAGE_SIZE, viewModel, type FromWebview, type ToWebview } from './runOutputsModel';

/** What a panel's script reported it shows (tests wait on this; nothing else reads it). */
export interface RenderedOutputs {
  runId: string;
  rows: string[][];
  detail: string[] | null;
}

export class RunOutputsPanels implements vscode.Disposable {
  private readonly open = new Map<string, vscode.WebviewPanel>();
  private readonly rendered = new vscode.EventEmitter<RenderedOutputs>();
  readonly onDidRender = this.rendered.event;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Shows the run's lines, in the panel already open for it if there is one; `line` is selected. */
  show(runId: string, lines: RunLine[], line?: number): void {
    const existing = this.open.get(runId);
    if (existing) existing.dispose();
    const media = vscode.Uri.joinPath(this.extensionUri, 'media', 'runOutputs');
    const panel = vscode.window.createWebviewPanel(
      'promptflow.runOutputs',
      t('extension.runOutputs.title', { run: runId }),
      vscode.ViewColumn.Active,
      { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false },
    );
    this.open.set(runId, panel);
    const model = viewModel(locale());
    const byIndex = new Map(lines.map((l) => [l.index, l]));
    // The line to show: the command's, then the one the user selected (the script restarts when the panel
    // is shown again, and asks for what it showed).
    let selected = line !== undefined && byIndex.has(line) ? line : undefined;
    let pageNo = selected === undefined ? 0 : Math.floor(lines.indexOf(byIndex.get(selected)!) / PAGE_SIZE);
    const post = (m: ToWebview) => void panel.webview.postMessage(m);
    const sendPage = () => post({ type: 'page', data: model.page(lines, pageNo), texts: model.texts() });
    const listener = panel.webview.onDidReceiveMessage((m: FromWebview) => {
      if (m.type === 'ready') {
        sendPage();
        if (selected !== undefined) post({ type: 'focusLine', index: selected });
      } else if (m.type === 'page') {
        pageNo = m.page;
        sendPage();
      } else if (m.type === 'select') {
        const l = byIndex.get(m.index);
        selected = l?.index;
        if (l) post({ type: 'detail', data: model.detail(l) });
      } else if (m.type === 'rendered') {
        this.rendered.fire({ runId, rows: m.rows, detail: m.detail });
      }
    });
    panel.onDidDispose(() => {
      listener.dispose();
      if (this.open.get(runId) === panel) this.open.delete(runId);
    });
    panel.webview.html = runOutputsHtml({
      locale: locale(),
      runId,
      nonce: newNonce(),
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'main.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'main.css')).toString(),
    });
  }

  dispose(): void {
    for (const p of [...this.open.values()]) p.dispose();
    this.rendered.dispose();
  }
}
