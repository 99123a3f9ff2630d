// `# flow-disable-next-line CODE[,CODE]` silences those codes (or all, without codes) on the next line.
import type { FlowDiagnostic } from './types';

const COMMENT = /^[ \t]*#\s*flow-disable-next-line\b([^\n]*)$/gm;

export function applySuppressions(text: string, diagnostics: FlowDiagnostic[]): FlowDiagnostic[] {
  if (!text.includes('flow-disable-next-line')) return diagnostics;
  const byLine = new Map<number, Set<string> | 'all'>();
  for (const m of text.matchAll(COMMENT)) {
    const line = countLines(text, m.index ?? 0) + 1;
    const codes = m[1]
      .split(/[\s,]+/)
      .filter((c) => /^PF\d{4}$/i.test(c))
      .map((c) => c.toUpperCase());
    byLine.set(line, codes.length ? new Set(codes) : 'all');
  }
  return diagnostics.filter((d) => {
    const rule = byLine.get(d.range.start.line);
    return !rule || (rule !== 'all' && !rule.has(d.code));
  });
}

function countLines(text: string, upTo: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < upTo; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
