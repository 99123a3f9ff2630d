// Reports shown rendered (installed packages, prerequisites, the migration plan): the report's Markdown
// is a read-only document of ours, rendered by VS Code's own Markdown preview beside the editor, with two
// actions in the preview's title bar: copy it as Markdown, or open it as text.
//
// Why the Markdown preview and not a webview of our own: it renders tables, headings and links in the
// editor's theme and fonts with no renderer, stylesheet or content security policy of ours to keep, and
// the reports stay plain Markdown for the copy. Their marks are plain text (✓ ✗ ! ?, core/model.ts REPORT_MARKS),
// which any font draws, so nothing needs an emoji font.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { VirtualDocuments } from './virtualDocuments';
import { t } from './i18n';

export interface Report {
  /** The document's file name, one per report: showing it again replaces what it showed. */
  name: string;
  markdown: string;
}

export interface ShownReport extends Report {
  uri: vscode.Uri;
  /** False when the preview could not be opened (Markdown support disabled) and the text was shown. */
  rendered: boolean;
}

/** Set while a report is open, for the preview's title bar actions. */
const SHOWN_CONTEXT = 'promptflow.reportShown';

export class ReportView implements vscode.Disposable {
  private readonly reports = new Map<string, ShownReport>();
  private last?: ShownReport;
  private shows = 0;
  private readonly shown = new vscode.EventEmitter<ShownReport>();
  /** Fires once a report is on screen (tests wait on this). */
  readonly onDidShow = this.shown.event;

  constructor(private readonly documents: VirtualDocuments) {}

  /** Shows the report rendered beside the editor (where its preview is already, it is refreshed there). */
  async showReport(report: Report): Promise<ShownReport> {
    // Each showing is a document of its own (the name stays, the query counts), so the preview never
    // renders text VS Code has not read again yet; it replaces the report's earlier preview.
    const uri = this.documents.set(report.name, report.markdown, `v${++this.shows}`);
    const earlier = this.reports.get(report.name);
    await vscode.window.tabGroups.close(this.previewTabs(uri));
    if (earlier) this.documents.drop(earlier.uri);
    let rendered = true;
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      rendered = false;
      await this.documents.open(uri);
    }
    const shown: ShownReport = { ...report, uri, rendered };
    this.reports.set(report.name, shown);
    this.last = shown;
    void vscode.commands.executeCommand('setContext', SHOWN_CONTEXT, true);
    this.shown.fire(shown);
    return shown;
  }

  /** The preview tabs of a report's document (a preview's label ends with the document's name). */
  private previewTabs(uri: vscode.Uri): vscode.Tab[] {
    const name = path.posix.basename(uri.path);
    return vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.endsWith(name));
  }

  /** The report whose preview is the active tab (its label ends with the document's name), else the last shown. */
  current(): ShownReport | undefined {
    const label = vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '';
    return [...this.reports.values()].find((r) => label.endsWith(path.posix.basename(r.uri.path))) ?? this.last;
  }

  async copyMarkdown(): Promise<ShownReport | undefined> {
    const report = this.current();
    if (!report) return undefined;
    await vscode.env.clipboard.writeText(report.markdown);
    vscode.window.setStatusBarMessage(`$(check) ${t('extension.report.copied', { name: report.name })}`, 5000);
    return report;
  }

  async openAsText(): Promise<ShownReport | undefined> {
    const report = this.current();
    if (report) await this.documents.open(report.uri);
    return report;
  }

  dispose(): void {
    this.shown.dispose();
  }
}
