// The parity of a flow and its workflow as people read it (Markdown, every sentence a catalogue entry)
// and as CI reads it (the JSON of `pfsession migrate verify --json`). Values are shown clipped: a long
// answer must not bury the report.
import { REPORT_MARKS } from '../model';
import { joinList, t, type Locale } from '../i18n';
import { MATCH_KINDS, type LineError, type ParityResult } from './parity';

/** What was compared: the flow's run and the workflow's folder. */
export interface ParitySides {
  flow: string;
  run: { runId: string; status: string };
  workflow: string;
  /** The workflow was generated from the flow for this check, in a folder gone since (no --workflow). */
  generated: boolean;
  python: string;
}

/** Characters of a value shown in the Markdown report and kept in the JSON one. */
const SHOWN_MD = 400;
const SHOWN_JSON = 2000;

const percent = (share: number) => `${(Math.floor(share * 1000) / 10).toFixed(1)}%`;
const valueText = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

function clip(locale: Locale, s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max) + t(locale, 'migration.parity.truncated', { count: s.length - max });
}

function errorText(locale: Locale, e: LineError | undefined): string {
  if (!e || e.missing) return t(locale, 'migration.parity.noLine');
  const head = e.type ? `${e.type}: ${e.message}` : e.message;
  return e.node ? t(locale, 'migration.parity.errorNode', { error: head, node: e.node }) : head;
}

/** A fenced block that no backtick run inside the value can close. */
function fenced(s: string): string[] {
  const longest = Math.max(2, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [fence, s, fence];
}

export function verdictText(locale: Locale, r: ParityResult): string {
  if (r.reason === 'nothingCompared') return t(locale, 'migration.parity.nothingCompared', { lines: r.lines });
  return t(locale, r.holds ? 'migration.parity.holds' : 'migration.parity.fails', {
    matched: r.matched,
    compared: r.compared,
    share: percent(r.share),
    min: percent(r.options.minMatch),
  });
}

export function parityMarkdown(locale: Locale, r: ParityResult, sides: ParitySides): string {
  const mark = REPORT_MARKS[r.holds ? 'pass' : 'fail'];
  const out = [`# ${t(locale, 'migration.parity.title', { flow: sides.flow })}`, '', `**${mark} ${verdictText(locale, r)}**`, ''];
  const workflow = sides.generated ? t(locale, 'migration.parity.generated') : sides.workflow;
  out.push(
    t(locale, 'migration.parity.sides', { run: sides.run.runId, status: sides.run.status, workflow, python: sides.python }),
    '',
    t(locale, 'migration.parity.thresholds', {
      tolerance: r.options.tolerance,
      similarity: r.options.similarity,
      min: percent(r.options.minMatch),
    }),
    '',
    t(locale, 'migration.parity.numbering'),
    '',
  );
  out.push(`## ${t(locale, 'migration.parity.outputs')}`, '');
  out.push(
    `| ${t(locale, 'migration.parity.outputColumn')} | ${t(locale, 'migration.parity.matchingColumn')} | ${t(locale, 'migration.parity.shareColumn')} |`,
    '|---|---:|---:|',
  );
  for (const o of r.perOutput)
    out.push(
      `| ${REPORT_MARKS[o.matched === r.compared ? 'pass' : 'fail']} ${o.output.replace(/\|/g, '\\|')} | ${o.matched} / ${r.compared} | ${percent(o.share)} |`,
    );
  const kinds = MATCH_KINDS.filter((k) => r.kinds[k]).map((k) => `${t(locale, `migration.parity.kind.${k}`)} ${r.kinds[k]}`);
  if (kinds.length) out.push('', t(locale, 'migration.parity.kinds', { list: joinList(locale, kinds) }));
  out.push('', `## ${t(locale, 'migration.parity.differences')}`, '');
  if (!r.differences.length) out.push(t(locale, 'migration.parity.noDifferences'), '');
  for (const d of r.differences) {
    const args = { line: d.index + 1, output: d.output, kind: t(locale, `migration.parity.kind.${d.comparison.kind}`) };
    out.push(
      `### ${REPORT_MARKS.fail} ${
        d.comparison.similarity === undefined
          ? t(locale, 'migration.parity.difference', args)
          : t(locale, 'migration.parity.differenceSimilar', { ...args, similarity: d.comparison.similarity.toFixed(2) })
      }`,
      '',
    );
    for (const [label, v] of [
      ['migration.parity.flowValue', d.flow],
      ['migration.parity.workflowValue', d.workflow],
    ] as const)
      out.push(
        `${t(locale, label)}:`,
        '',
        ...(v === undefined ? [`_${t(locale, 'migration.parity.absent')}_`] : fenced(clip(locale, valueText(v), SHOWN_MD))),
        '',
      );
  }
  out.push(`## ${t(locale, 'migration.parity.failures')}`, '');
  if (!r.failures.length) out.push(t(locale, 'migration.parity.noFailures'));
  for (const f of r.failures) {
    const line = f.index + 1;
    const item =
      f.side === 'both'
        ? t(locale, 'migration.parity.failed.both', {
            line,
            flowError: clip(locale, errorText(locale, f.flowError), SHOWN_MD),
            workflowError: clip(locale, errorText(locale, f.workflowError), SHOWN_MD),
          })
        : t(locale, `migration.parity.failed.${f.side}`, {
            line,
            error: clip(locale, errorText(locale, f.side === 'flow' ? f.flowError : f.workflowError), SHOWN_MD),
          });
    out.push(`- ${REPORT_MARKS.fail} ${item.replace(/\s*\n\s*/g, ' ')}`);
  }
  return out.join('\n') + '\n';
}

/** A value for the JSON report: as it is when short, else its text clipped. */
function jsonValue(v: unknown): unknown {
  const s = valueText(v);
  return s.length <= SHOWN_JSON ? v : { truncated: s.slice(0, SHOWN_JSON), length: s.length };
}

export function parityJson(r: ParityResult, sides: ParitySides) {
  return {
    verdict: r.holds ? 'holds' : 'fails',
    ...(r.reason ? { reason: r.reason } : {}),
    flow: sides.flow,
    run: sides.run,
    workflow: { dir: sides.generated ? null : sides.workflow, generated: sides.generated, python: sides.python },
    thresholds: r.options,
    lines: r.lines,
    compared: r.compared,
    matched: r.matched,
    share: r.share,
    outputs: r.perOutput,
    kinds: r.kinds,
    differences: r.differences.map((d) => ({
      line: d.index + 1,
      output: d.output,
      kind: d.comparison.kind,
      ...(d.comparison.similarity === undefined ? {} : { similarity: d.comparison.similarity }),
      flow: jsonValue(d.flow),
      workflow: jsonValue(d.workflow),
    })),
    failures: r.failures.map((f) => ({
      line: f.index + 1,
      side: f.side,
      ...(f.flowError ? { flowError: f.flowError } : {}),
      ...(f.workflowError ? { workflowError: f.workflowError } : {}),
    })),
  };
}
