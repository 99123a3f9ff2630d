// Diagnostics while rules run: offsets into the document text and catalogue messages (ids with their
// arguments), turned into LSP ranges and text in the request's locale once, at the end.
import { msg, render, type Arg, type Locale, type Message } from '../i18n';
import type { FlowDiagnostic, Severity } from './types';
import type { LineIndex } from '../flow/lineIndex';

export type { Message } from '../i18n';

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface RawFix {
  title: Message;
  edits: OffsetEdit[];
}

export interface RawDiagnostic {
  start: number;
  end: number;
  severity: Severity;
  code: string;
  message: Message;
  fix?: RawFix;
  suggestions?: RawFix[];
  related?: { uri: string; start: number; end: number; message: Message }[];
}

export function raw(start: number, end: number, severity: Severity, code: string, message: Message): RawDiagnostic {
  return { start, end, severity, code, message };
}

/** Items joined as the locale joins a list ("a, b, c" / "a、b、c"), built as nested messages. */
export function listOf(items: readonly Arg[]): Arg {
  if (items.length === 0) return '';
  return items.slice(0, -1).reduceRight<Arg>((rest, first) => msg('validation.list.more', { first, rest }), items[items.length - 1]);
}

/** Alternatives ("a or b" / "a または b"). */
export function orList(items: readonly Arg[]): Arg {
  return items.slice(0, -1).reduceRight<Arg>((rest, first) => msg('validation.list.or', { first, rest }), items[items.length - 1] ?? '');
}

/** `"a", "b"`: names quoted, as messages show them. */
export const quotedList = (xs: readonly string[]): Arg => listOf(xs.map((x) => `"${x}"`));

/** Moves offsets from a slice of the text to the whole text. */
export function shift(d: RawDiagnostic, by: number): RawDiagnostic {
  if (by === 0) return d;
  return {
    ...d,
    start: d.start + by,
    end: d.end + by,
    fix: d.fix && { ...d.fix, edits: d.fix.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by })) },
    suggestions: d.suggestions?.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by })) })),
    related: d.related?.map((r) => ({ ...r, start: r.start + by, end: r.end + by })),
  };
}

/** Ranges from offsets and texts from messages: the one place a diagnostic is rendered. */
export function toFlowDiagnostic(d: RawDiagnostic, lines: LineIndex, locale: Locale): FlowDiagnostic {
  const out: FlowDiagnostic = {
    range: lines.range(d.start, d.end),
    severity: d.severity,
    code: d.code,
    message: render(locale, d.message),
  };
  const edits = (f: RawFix) => ({
    title: render(locale, f.title),
    edits: f.edits.map((e) => ({ range: lines.range(e.start, e.end), newText: e.newText })),
  });
  if (d.fix) out.fix = edits(d.fix);
  if (d.suggestions?.length) out.suggestions = d.suggestions.map(edits);
  if (d.related)
    out.related = d.related.map((r) => ({ uri: r.uri, range: lines.range(r.start, r.end), message: render(locale, r.message) }));
  return out;
}
