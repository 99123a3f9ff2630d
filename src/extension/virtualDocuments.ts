// Read-only generated documents (packages comparison, prerequisites report, run logs).
import * as vscode from 'vscode';

/** Read-only generated documents (packages comparison, preflight report, run logs). */
export class VirtualDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'promptflow-report';
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Stores the text under a stable name (an open document of that name shows it once VS Code reads it again). */
  set(name: string, text: string, query = ''): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: VirtualDocuments.scheme, path: `/${name}`, query });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  /** Stores the text under a stable name and opens it (as Markdown) beside the editor, or where it is shown. */
  async show(name: string, text: string, language = 'markdown'): Promise<vscode.TextDocument> {
    return this.open(this.set(name, text), language);
  }

  /** Opens a stored document as text, beside the editor or where it is shown already. */
  async open(uri: vscode.Uri, language = 'markdown'): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, language);
    // Shown again where it already is (a refreshed report replaces itself), else beside the editor.
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: visible?.viewColumn ?? vscode.ViewColumn.Beside });
    return doc;
  }

  /** Forgets a stored text. */
  drop(uri: vscode.Uri): void {
    this.contents.delete(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
  }
}
