// Quick fixes: the validator's own certain fixes (carried in the diagnostic's `data`), and
// "did you mean" for a key the format does not know when a known key is one or two edits away.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import type { DiagnosticData } from './diagnostics';
import type { DocModel } from './docModel';
import { treeFor } from './hover';
import { nodeAt } from './keyTree';
import { t, type Locale } from '../core/i18n';
import { pathAt, shapeOf } from './yamlLines';
import { closest } from '../core/validation/closest';

export function actionsFor(model: DocModel, diagnostics: readonly Diagnostic[], locale: Locale): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'promptflow') continue;
    const data = d.data as DiagnosticData | undefined;
    const fix = data?.fix;
    // Closest names: each one a quick fix, none preferred (the user picks what was meant).
    for (const s of data?.suggestions ?? [])
      if (s.edits?.length)
        out.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [model.uri]: s.edits } } });
    if (data?.suggestions?.length) continue;
    if (fix?.edits?.length) {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [model.uri]: fix.edits } },
      });
      continue;
    }
    const rename = didYouMean(model, d, locale);
    if (rename) out.push(rename);
  }
  return out;
}

function didYouMean(model: DocModel, d: Diagnostic, locale: Locale): CodeAction | undefined {
  const tree = treeFor(model.kind);
  const line = model.lines[d.range.start.line];
  const shape = line === undefined ? undefined : shapeOf(line);
  if (!tree || !shape?.key) return undefined;
  // Only when the diagnostic sits on the key itself.
  if (
    d.range.start.character > shape.keyCol + shape.key.length ||
    (d.range.end.line === d.range.start.line && d.range.end.character < shape.keyCol)
  )
    return undefined;
  const at = pathAt(model.lines, d.range.start.line, shape.keyCol);
  const parent = nodeAt(tree, at.path);
  const known = Object.keys(parent?.keys ?? {});
  if (!parent?.keys || known.includes(shape.key)) return undefined;
  const best = closest(shape.key, known);
  if (!best) return undefined;
  const range = {
    start: { line: d.range.start.line, character: shape.keyCol },
    end: { line: d.range.start.line, character: shape.keyCol + shape.key.length },
  };
  if (line.slice(shape.keyCol, shape.keyCol + shape.key.length) !== shape.key) return undefined; // quoted key: leave it alone
  return {
    title: t(locale, 'validation.fix.changeTo', { name: best }),
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    edit: { changes: { [model.uri]: [{ range, newText: best }] } },
  };
}
