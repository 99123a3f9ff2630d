// The pipeline: guard against hostile input → parse (DAG flows: per slice, cached) → schema →
// semantic rules → LSP ranges → suppression comments. Never throws.
import { LineIndex } from '../flow/lineIndex';
import { Codes } from './codes';
import { applyRules, type RuleContext } from './context';
import { buildDagModel, DagCache } from './dagModel';
import { dagRules } from './dagRules';
import { detectKind } from '../flow/files';
import { raw, toFlowDiagnostic, type RawDiagnostic } from './diag';
import { flexRules } from './flexRules';
import { checkRequirements } from './requirementsRules';
import { runFileRules } from './runFileRules';
import { workspaceDagRules, workspaceRunRules } from './workspaceRules';
import { msg, render, type Locale } from '../i18n';
import { applySuppressions } from './suppress';
import type { FileHost, FlowDiagnostic } from './types';
import { guardText } from './guard';
import { errText, normalizeLineBreaks, parseYamlFile } from './yamlTools';
import type { ValidateRequest, Validator } from './index';

export interface ValidatorOptions {
  /** Re-use parsed slices between calls for the same path (default true). */
  incremental?: boolean;
}

/** One validation asks about the same few paths many times (1,000 nodes share a source file). */
function memoHost(files: FileHost): FileHost {
  const exists = new Map<string, boolean>();
  const dirs = new Map<string, boolean>();
  const texts = new Map<string, string | undefined>();
  const memo = <T>(m: Map<string, T>, k: string, f: () => T): T => {
    if (!m.has(k)) m.set(k, f());
    return m.get(k) as T;
  };
  return {
    exists: (p) => memo(exists, p, () => files.exists(p)),
    isDirectory: (p) => memo(dirs, p, () => files.isDirectory(p)),
    readFile: (p) => memo(texts, p, () => files.readFile(p)),
    listDir: (p) => files.listDir(p),
  };
}

export function createValidatorImpl(files: FileHost, options: ValidatorOptions = {}): Validator {
  const caches = new Map<string, DagCache>();
  const incremental = options.incremental !== false;

  function rawDiagnostics(req: ValidateRequest, ctx: RuleContext): RawDiagnostic[] {
    const kind = req.kind ?? detectKind(req.path, req.text);
    switch (kind) {
      case 'dagFlow': {
        let cache = caches.get(req.path);
        if (incremental && !cache) caches.set(req.path, (cache = new DagCache()));
        const model = buildDagModel(req.text, incremental ? cache : undefined);
        return [...model.diagnostics, ...applyRules(dagRules, model, ctx), ...applyRules(workspaceDagRules, model, ctx)];
      }
      case 'flexFlow':
      case 'run': {
        const { file, diagnostics } = parseYamlFile(req.text);
        if (!file) return diagnostics;
        const rules = kind === 'run' ? [...runFileRules, ...workspaceRunRules] : flexRules;
        return [...diagnostics, ...applyRules(rules, file, ctx)];
      }
      case 'requirements':
        return checkRequirements(req.text, ctx);
      default:
        return [];
    }
  }

  return {
    validate(req: ValidateRequest): FlowDiagnostic[] {
      // Line breaks as LSP and YAML count them: a lone CR is one. Offsets do not move.
      const text = normalizeLineBreaks(typeof req.text === 'string' ? req.text : '');
      let found: RawDiagnostic[];
      try {
        const kind = req.kind ?? detectKind(req.path, text);
        const blocked = guardText(text, kind === 'dagFlow' || kind === 'flexFlow' || kind === 'run');
        found = blocked
          ? [blocked]
          : rawDiagnostics(
              { ...req, text, kind },
              { path: req.path, text, files: memoHost(files), workspaceRoot: req.workspaceRoot, facts: req.facts },
            );
      } catch (err) {
        found = [raw(0, 0, 'error', Codes.ruleFailed, msg('validation.stopped', { error: errText(err) }))];
      }
      if (found.length === 0) return [];
      const lines = new LineIndex(text);
      // Each message is rendered once, here, in the language the request asks for.
      const locale = req.locale ?? 'en';
      const out = dedupe(found.map((d) => toFlowDiagnostic(d, lines, locale)));
      return capSyntaxErrors(applySuppressions(text, out), locale);
    },
    forget(path: string) {
      caches.delete(path);
    },
  };
}

/** Syntax errors shown one by one; one stray bracket can break thousands of lines after it. */
export const MAX_SYNTAX_ERRORS = 100;

/** The first syntax errors, then one diagnostic that counts the rest (the first ones usually cause them). */
function capSyntaxErrors(list: FlowDiagnostic[], locale: Locale): FlowDiagnostic[] {
  const syntax = list.filter((d) => d.code === Codes.syntax);
  if (syntax.length <= MAX_SYNTAX_ERRORS) return list;
  const first = syntax[MAX_SYNTAX_ERRORS];
  const hidden = new Set(syntax.slice(MAX_SYNTAX_ERRORS));
  const summary: FlowDiagnostic = {
    range: first.range,
    severity: 'error',
    code: Codes.syntax,
    message: render(locale, msg('validation.syntaxMore', { count: hidden.size })),
  };
  return list.flatMap((d) => (d === first ? [summary] : hidden.has(d) ? [] : [d]));
}

function dedupe(list: FlowDiagnostic[]): FlowDiagnostic[] {
  const seen = new Set<string>();
  const out: FlowDiagnostic[] = [];
  for (const d of list) {
    const id = `${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}:${d.code}:${d.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(d);
    }
  }
  // A total order: the editor and the CLI collect the same diagnostics in different orders.
  return out.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.code.localeCompare(b.code) ||
      a.range.end.line - b.range.end.line ||
      a.range.end.character - b.range.end.character ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0) ||
      a.severity.localeCompare(b.severity),
  );
}
