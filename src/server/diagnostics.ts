// Runs the validator and publishes diagnostics. One document per macrotask, newest version only:
// edits that arrive while a validation runs are applied before the next one starts, so a stale version
// is not validated once a newer one has arrived. Documents that read a changed file are revalidated too.
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind, type FileHost, type FlowDiagnostic, type Severity, type Validator } from '../core/validation';
import { Codes } from '../core/validation/codes';
import type { WorkspaceFacts } from '../core/flow/workspaceFacts';
import { uriToPath } from './files';
import { describeError, type Log } from './guard';
import { t, type Locale } from '../core/i18n';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The connection handles one queued message per event-loop turn (setImmediate), so a validation started
 * with setImmediate would run between two didChange messages of one burst. A 1 ms timer lets every
 * message already received be applied first: bursts collapse into one validation of the newest version,
 * and a lone edit waits 1 ms.
 */
const YIELD_MS = 1;

/** What a diagnostic carries in `data`, read back by code actions. */
export interface DiagnosticData {
  fix?: FlowDiagnostic['fix'];
  suggestions?: FlowDiagnostic['suggestions'];
}

export function toLsp(d: FlowDiagnostic): Diagnostic {
  const out: Diagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Error,
    code: d.code,
    source: 'promptflow',
    message: d.message,
  };
  if (d.fix || d.suggestions) out.data = { fix: d.fix, suggestions: d.suggestions } satisfies DiagnosticData;
  if (d.related?.length) out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  return out;
}

/** The validator's view of the files; notes which paths the current validation asks about. */
export class RecordingHost implements FileHost {
  target: Set<string> | undefined;
  constructor(private readonly base: FileHost) {}
  readFile(p: string) {
    this.target?.add(p);
    return this.base.readFile(p);
  }
  exists(p: string) {
    this.target?.add(p);
    return this.base.exists(p);
  }
  isDirectory(p: string) {
    this.target?.add(p);
    return this.base.isDirectory(p);
  }
  listDir(p: string) {
    this.target?.add(p);
    return this.base.listDir(p);
  }
}

const WARM_NODES = 60;
// 40 rounds (about 0.7 s of CPU, one round per macrotask, given up as soon as a document arrives): with 12 the
// first 1,000-node open took about 250 ms, with 40 about 200 ms (in-process, same machine).
const WARM_ROUNDS = 40;

/** A flow shaped like real ones (python and llm nodes, references, activate blocks), for the warm-up. */
function warmFlow(nodes: number): string {
  const out = [
    'inputs:',
    '  q:',
    '    type: string',
    'outputs:',
    '  a:',
    '    type: string',
    `    reference: \${n${nodes - 1}.output}`,
    'nodes:',
  ];
  for (let i = 0; i < nodes; i++) {
    const llm = i % 3 === 1;
    out.push(
      `- name: n${i}`,
      `  type: ${llm ? 'llm' : 'python'}`,
      '  source:',
      '    type: code',
      `    path: ${llm ? 'p.jinja2' : 'n.py'}`,
      '  inputs:',
    );
    out.push(llm ? '    max_tokens: 100' : '    q: ${inputs.q}', `    previous: \${n${Math.max(0, i - 1)}.output.text}`);
    if (llm) out.push('  connection: c', '  api: chat');
    if (i % 10 === 9) out.push('  activate:', `    when: \${n${i - 1}.output}`, '    is: true');
  }
  return out.join('\n') + '\n';
}

export class DiagnosticsScheduler {
  private readonly queue = new Set<string>();
  private scheduled = false;
  /** uri → every absolute path its validations read or probed (kept across versions: the validator may cache). */
  private readonly reads = new Map<string, Set<string>>();
  /** The client's display language (from `initialize`): every validation renders its messages in it. */
  locale: Locale = 'en';
  workspaceRoot: string | undefined;
  /** The workspace data the checks use now (undefined: none, so no workspace checks). */
  facts: () => WorkspaceFacts | undefined = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly validator: Validator,
    private readonly host: RecordingHost,
    private readonly log: Log,
  ) {}

  schedule(uri: string): void {
    this.queue.add(uri);
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => this.runOne(), YIELD_MS);
  }

  /** A file changed (edited, saved, created, deleted): revalidate the open documents that read it. */
  fileChanged(absPath: string, exceptUri?: string): void {
    const folder = dirname(absPath);
    for (const [uri, read] of this.reads) {
      if (uri !== exceptUri && (read.has(absPath) || read.has(folder))) this.schedule(uri);
    }
  }

  /** The workspace data changed: every open flow and run file is checked again with it (or without). */
  revalidateAll(): void {
    for (const doc of this.documents.all()) {
      const kind = detectKind(uriToPath(doc.uri), doc.getText());
      if (kind === 'dagFlow' || kind === 'flexFlow' || kind === 'run') this.schedule(doc.uri);
    }
  }

  closed(uri: string): void {
    this.queue.delete(uri);
    this.reads.delete(uri);
    try {
      this.validator.forget(uriToPath(uri));
    } catch (e) {
      this.log(`forget ${uri} failed: ${describeError(e)}`);
    }
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * Validates tiny samples of each kind once, off any document, so schema compilation and JIT warm-up
   * happen while the editor is still starting rather than on the first file the user opens.
   */
  warmUp(): void {
    const base = join(tmpdir(), 'promptflow-language-server-warm-up');
    const samples: [string, string][] = [
      [
        'flow.dag.yaml',
        'inputs:\n  q:\n    type: string\noutputs:\n  a:\n    type: string\n    reference: ${n.output}\nnodes:\n- name: n\n  type: python\n  source:\n    type: code\n    path: n.py\n  inputs:\n    q: ${inputs.q}\n',
      ],
      ['flow.flex.yaml', 'entry: app:run\n'],
      ['run.yml', 'flow: .\ndata: data.jsonl\ncolumn_mapping:\n  q: ${data.q}\n'],
      ['requirements.txt', 'promptflow\n'],
    ];
    for (const [name, text] of samples) {
      const path = join(base, name);
      try {
        this.validator.validate({ path, text, version: 1 });
        this.validator.forget(path);
      } catch (e) {
        this.log(`warm-up on ${name} failed: ${describeError(e)}`);
      }
    }
    this.warmRound(join(base, 'warm', 'flow.dag.yaml'), warmFlow(WARM_NODES), 0);
  }

  /**
   * While nothing else waits, a few rounds on a medium flow (open, then an edit), one per macrotask, so
   * the parser's hot paths are compiled before a large flow is opened. A document that arrives stops it.
   */
  private warmRound(path: string, text: string, round: number): void {
    if (round >= WARM_ROUNDS || this.queue.size || this.scheduled) {
      this.validator.forget(path);
      return;
    }
    try {
      this.validator.forget(path);
      this.validator.validate({ path, text, version: 1 });
      this.validator.validate({ path, text: text.replace('max_tokens: 100', `max_tokens: ${101 + round}`), version: 2 });
    } catch (e) {
      this.log(`warm-up failed: ${describeError(e)}`);
      return;
    }
    setImmediate(() => this.warmRound(path, text, round + 1));
  }

  private runOne(): void {
    this.scheduled = false;
    const next = this.queue.values().next();
    if (next.done) return;
    this.queue.delete(next.value);
    try {
      this.validateNow(next.value);
    } finally {
      // One document per macrotask: pending didChange messages are read in between.
      if (this.queue.size && !this.scheduled) {
        this.scheduled = true;
        setTimeout(() => this.runOne(), YIELD_MS);
      }
    }
  }

  private validateNow(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const path = uriToPath(uri);
    const touched = this.reads.get(uri) ?? new Set<string>();
    this.reads.set(uri, touched);
    let found: FlowDiagnostic[];
    this.host.target = touched;
    try {
      found = this.validator.validate({
        path,
        text: doc.getText(),
        version,
        workspaceRoot: this.workspaceRoot,
        facts: this.facts(),
        locale: this.locale,
      });
    } catch (e) {
      this.log(`validation of ${uri} failed: ${describeError(e)}${e instanceof Error && e.stack ? `\n${e.stack}` : ''}`);
      const at = { line: 0, character: 0 };
      found = [
        {
          range: { start: at, end: at },
          severity: 'error',
          code: Codes.notValidated,
          message: t(this.locale, 'server.validatorFailed', { error: describeError(e) }),
        },
      ];
    } finally {
      this.host.target = undefined;
    }
    void this.connection.sendDiagnostics({ uri, version, diagnostics: found.map(toLsp) });
  }
}
