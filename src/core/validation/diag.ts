// Diagnostics while rules run: offsets into the document text, turned into LSP ranges once at the end.
import type { FlowDiagnostic, Severity } from './types';
import type { LineIndex } from '../flow/lineIndex';
import type { Message } from '../i18n';

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface RawDiagnostic {
  start: number;
  end: number;
  severity: Severity;
  code: string;
  message: string;
  /** The message as a catalogue entry, rendered in the validator's locale (then `message` is its English). */
  text?: Message;
  fix?: { title: string; edits: OffsetEdit[] };
  suggestions?: { title: string; edits: OffsetEdit[] }[];
  related?: { uri: string; start: number; end: number; message: string }[];
}

export function raw(start: number, end: number, severity: Severity, code: string, message: string): RawDiagnostic {
  return { start, end, severity, code, message };
}

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

export function toFlowDiagnostic(d: RawDiagnostic, lines: LineIndex): FlowDiagnostic {
  const out: FlowDiagnostic = { range: lines.range(d.start, d.end), severity: d.severity, code: d.code, message: d.message };
  const edits = (f: { title: string; edits: OffsetEdit[] }) => ({
    title: f.title,
    edits: f.edits.map((e) => ({ range: lines.range(e.start, e.end), newText: e.newText })),
  });
  if (d.fix) out.fix = edits(d.fix);
  if (d.suggestions?.length) out.suggestions = d.suggestions.map(edits);
  if (d.related) out.related = d.related.map((r) => ({ uri: r.uri, range: lines.range(r.start, r.end), message: r.message }));
  return out;
}
