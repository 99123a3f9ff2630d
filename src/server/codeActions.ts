// Quick fixes: the validator's own certain fixes (carried in the diagnostic's `data`), and
// "did you mean" for a key the format does not know when a known key is one or two edits away.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import type { DiagnosticData } from './diagnostics';
import type { DocModel } from './docModel';
import { treeFor } from './hover';
import { nodeAt } from './keyTree';
import { t, type Locale } from './l10n';
import { pathAt, shapeOf } from './yamlLines';

export function actionsFor(model: DocModel, diagnostics: readonly Diagnostic[], locale: Locale): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'promptflow') continue;
    const fix = (d.data as DiagnosticData | undefined)?.fix;
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
    title: t(locale, 'didYouMean', best),
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    edit: { changes: { [model.uri]: [{ range, newText: best }] } },
  };
}

/** The single closest candidate within a small edit distance; none when two tie. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const c of candidates) {
    const dist = distance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) [best, bestDistance, tie] = [c, dist, false];
    else if (dist === bestDistance) tie = true;
  }
  return tie ? undefined : best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
