// What the run outputs panel shows, made from the session service's run lines: a page of table rows (200
// lines at a time, so a run of any size renders) and one line's node details, as display strings in the
// window's language. Plain data, no vscode: the webview script (media/runOutputs/) only places it, and
// the messages both sides exchange are typed here.
import { translator, type Locale } from '../core/i18n';
import { redact } from '../core/redact';
import type { RunLine, RunLineNode, RunTokens } from '../core/session/types';

/** Lines in one page of the table. */
export const PAGE_SIZE = 200;
/** The longest a cell's text gets (the details hold the whole value). */
const CELL_CHARS = 160;
/** The longest a value gets in the details; a longer one is cut, with an ellipsis. */
const DETAIL_CHARS = 20_000;

export interface LineRow {
  index: number;
  line: string;
  status: string;
  failed: boolean;
  inputs: string;
  outputs: string;
  duration: string;
  tokens: string;
}

export interface OutputsPage {
  page: number;
  pages: number;
  rows: LineRow[];
  summary: string;
  /** "Lines 1–200 of 1,000", or '' when the run has no lines. */
  range: string;
}

export interface NodeDetail {
  fields: [label: string, value: string][];
  failed: boolean;
}

export interface LineDetail {
  index: number;
  title: string;
  error?: string;
  nodes: NodeDetail[];
  empty?: string;
}

/** Texts the script writes itself (the table's headings are in the HTML). */
export interface ScriptTexts {
  previous: string;
  next: string;
  noLines: string;
  pickLine: string;
}

/** The extension to the webview. */
export type ToWebview =
  | { type: 'page'; data: OutputsPage; texts: ScriptTexts }
  | { type: 'detail'; data: LineDetail }
  /** Select this line as if the user had (the command's `line` argument). */
  | { type: 'focusLine'; index: number };

/** The webview to the extension; `rendered` says what the table and details show after each change. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'page'; page: number }
  | { type: 'select'; index: number }
  | { type: 'rendered'; rows: string[][]; detail: string[] | null };

/** A value as text, cut at `max`; a token a flow printed is not shown back (as in the run logs). */
function text(v: unknown, max: number, pretty = false): string {
  if (v === undefined) return '';
  const s = redact(typeof v === 'string' ? v : (JSON.stringify(v, null, pretty ? 2 : undefined) ?? String(v)));
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** `name: value` pairs on one line, for a table cell. */
function cell(values: Record<string, unknown> | null): string {
  if (!values) return '';
  return text(
    Object.entries(values)
      .map(([k, v]) => `${k}: ${text(v, CELL_CHARS)}`)
      .join(', '),
    CELL_CHARS,
  );
}

export function viewModel(locale: Locale) {
  const t = translator(locale);
  const seconds = (s: number | undefined) => (s === undefined ? '' : t('session.runLine.seconds', { s: s.toFixed(2) }));
  const tokens = (k: RunTokens | undefined) => (k ? t('extension.runOutputs.tokens', { ...k }) : '');

  const row = (l: RunLine): LineRow => ({
    index: l.index,
    line: String(l.index),
    status: l.status,
    failed: !!l.error || /^failed$/i.test(l.status),
    inputs: cell(l.inputs),
    outputs: l.error && !l.outputs ? text(l.error.message, CELL_CHARS) : cell(l.outputs),
    duration: seconds(l.durationSeconds),
    tokens: l.tokens ? String(l.tokens.total) : '',
  });

  const node = (n: RunLineNode): NodeDetail => {
    const fields: [string, string][] = [
      [t('extension.runOutputs.field.node'), n.node],
      [t('extension.runOutputs.field.tool'), [n.tool, n.type].filter(Boolean).join(' · ')],
      [t('extension.runOutputs.field.status'), n.error ? t('extension.runOutputs.nodeFailed') : t('extension.runOutputs.nodeCompleted')],
      [t('extension.runOutputs.field.duration'), seconds(n.durationSeconds)],
      [t('extension.runOutputs.field.tokens'), tokens(n.tokens)],
      [t('extension.runOutputs.field.inputs'), text(n.inputs, DETAIL_CHARS, true)],
      [t('extension.runOutputs.field.output'), text(n.output, DETAIL_CHARS, true)],
      [t('extension.runOutputs.field.error'), text(n.error, DETAIL_CHARS)],
    ];
    return { fields: fields.filter(([, v]) => v !== ''), failed: !!n.error };
  };

  return {
    texts: (): ScriptTexts => ({
      previous: t('extension.runOutputs.previous'),
      next: t('extension.runOutputs.next'),
      noLines: t('extension.runOutputs.noLines'),
      pickLine: t('extension.runOutputs.pickLine'),
    }),
    /** Page `page` (0-based, clamped) of the lines, which are sorted by line number. */
    page(lines: RunLine[], page: number): OutputsPage {
      const pages = Math.max(1, Math.ceil(lines.length / PAGE_SIZE));
      const p = Math.min(Math.max(0, Math.floor(page) || 0), pages - 1);
      const slice = lines.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
      const failed = lines.filter((l) => !!l.error || /^failed$/i.test(l.status)).length;
      const completed = lines.filter((l) => /^completed$/i.test(l.status)).length;
      const nf = new Intl.NumberFormat(locale);
      return {
        page: p,
        pages,
        rows: slice.map(row),
        summary: t('extension.runOutputs.summary', { total: lines.length, completed, failed }),
        range: lines.length
          ? t('extension.runOutputs.range', {
              from: nf.format(p * PAGE_SIZE + 1),
              to: nf.format(p * PAGE_SIZE + slice.length),
              total: nf.format(lines.length),
            })
          : '',
      };
    },
    detail(l: RunLine): LineDetail {
      return {
        index: l.index,
        title: t('extension.runOutputs.lineTitle', { index: l.index, status: l.status }),
        error: l.error ? text(l.error.code ? `${l.error.message} (${l.error.code})` : l.error.message, DETAIL_CHARS) : undefined,
        nodes: l.nodes.map(node),
        empty: l.nodes.length ? undefined : t('extension.runOutputs.noNodes'),
      };
    },
  };
}
