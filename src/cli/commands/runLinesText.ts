// What `pfsession run outputs` prints: for a person, each line of a run as a heading (number, status,
// duration, tokens) and its inputs, outputs and error as `name: value` rows wrapped to the terminal, wide
// (Japanese) characters counted as two columns; with --json, one JSON object per line (JSON Lines).
import { translator, type Locale } from '../../core/i18n';
import { redact } from '../../core/redact';
import type { RunLine } from '../../core/session/types';
import { displayWidth, padTo } from './sessionText';

/** Columns a value may take when the terminal does not say (output piped to a file). */
const DEFAULT_COLUMNS = 100;
/** Never wrap narrower than this, however narrow the terminal. */
const MIN_WIDTH = 20;

/**
 * The text cut into rows of at most `width` columns: at the last space when the row has one (words stay
 * whole), else anywhere (Japanese has no spaces; a longer word is cut). A newline always starts a row.
 */
export function wrapColumns(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let row = '';
    for (const ch of para) {
      if (displayWidth(row + ch) > width && row) {
        const space = row.lastIndexOf(' ');
        const cut = space > 0 && ch !== ' ' ? space : row.length;
        out.push(row.slice(0, cut).trimEnd());
        row = row.slice(cut).trimStart();
        if (ch === ' ' && !row) continue;
      }
      row += ch;
    }
    out.push(row);
  }
  return out;
}

const valueText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

/** The line as --json writes it: index, status, inputs, outputs, error, duration (seconds), tokens. */
export function lineJson(l: RunLine): Record<string, unknown> {
  return {
    index: l.index,
    status: l.status,
    inputs: l.inputs,
    outputs: l.outputs,
    error: l.error ?? null,
    duration: l.durationSeconds ?? null,
    tokens: l.tokens ?? null,
  };
}

/** JSON Lines, one object per line of the run (nothing at all for a run without lines). */
export function runLinesJson(lines: RunLine[]): string {
  return redact(lines.map((l) => JSON.stringify(lineJson(l))).join('\n'));
}

export function runLinesHuman(locale: Locale, runId: string, lines: RunLine[], columns = DEFAULT_COLUMNS): string {
  const t = translator(locale);
  if (!lines.length) return t('cli.runLines.none', { id: runId });
  const labels = { inputs: t('cli.runLines.inputs'), outputs: t('cli.runLines.outputs'), error: t('cli.error') };
  const labelWidth = Math.max(...Object.values(labels).map(displayWidth));
  const out: string[] = [t('cli.runLines.count', { id: runId, n: lines.length })];
  for (const l of lines) {
    const facts = [
      l.durationSeconds !== undefined ? t('session.runLine.seconds', { s: l.durationSeconds.toFixed(2) }) : '',
      l.tokens?.total ? t('cli.runLines.tokens', { n: l.tokens.total }) : '',
    ].filter(Boolean);
    out.push('', [t('cli.runLines.head', { index: l.index, status: l.status }), ...facts].join(' · '));
    // Each row: `  label  name: value`, the value's continuation lines under its first column.
    const row = (label: string, entries: [string, unknown][]) => {
      entries.forEach(([name, v], i) => {
        const lead = `  ${padTo(i === 0 ? label : '', labelWidth)}  `;
        const head = name ? `${name}: ` : '';
        const width = Math.max(MIN_WIDTH, columns - displayWidth(lead) - displayWidth(head));
        const pieces = wrapColumns(valueText(v), width);
        out.push(`${lead}${head}${pieces[0]}`.trimEnd());
        const indent = ' '.repeat(displayWidth(lead) + displayWidth(head));
        for (const p of pieces.slice(1)) out.push(`${indent}${p}`.trimEnd());
      });
    };
    row(labels.inputs, Object.entries(l.inputs).length ? Object.entries(l.inputs) : [['', t('cli.none')]]);
    if (l.outputs) row(labels.outputs, Object.entries(l.outputs).length ? Object.entries(l.outputs) : [['', t('cli.none')]]);
    if (l.error) row(labels.error, [['', l.error.code ? `${l.error.message} (${l.error.code})` : l.error.message]]);
  }
  return redact(out.join('\n'));
}
