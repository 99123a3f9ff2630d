// The plan as people read it (Markdown: plain enough for a terminal, readable in the editor) and as
// programs read it (the JSON of `pfsession migrate plan --json`). Every sentence is a catalogue entry.
import { joinList, render, t, type Locale } from '../i18n';
import { envPrefix } from './tools';
import { summarize, type FlowPlan } from './plan';

export interface PlanJson {
  flows: {
    path: string;
    kind: string;
    readiness: string;
    generatable: boolean;
    nodes: { name: string; type: string; mapsTo: string; readiness: string; note: string }[];
    items: { subject: string; readiness: string; note: string }[];
    connections: { name: string; type: string; variables: string[]; usedBy: string[] }[];
    blockers: { kind: string; node?: string; note: string }[];
  }[];
  summary: ReturnType<typeof summarize>;
}

const rel = (path: string, base: string | undefined) => (base && path.startsWith(base + '/') ? path.slice(base.length + 1) : path);

export function planJson(locale: Locale, plans: readonly FlowPlan[], base?: string): PlanJson {
  return {
    flows: plans.map((p) => ({
      path: rel(p.path, base),
      kind: p.kind,
      readiness: p.readiness,
      generatable: p.generatable,
      nodes: p.nodes.map((n) => ({
        name: n.name,
        type: n.type,
        mapsTo: n.mapsTo,
        readiness: n.readiness,
        note: n.notes.map((m) => render(locale, m)).join(' '),
      })),
      items: p.items.map((i) => ({ subject: i.subject, readiness: i.readiness, note: render(locale, i.note) })),
      connections: p.connections.map((c) => ({ name: c.name, type: c.type, variables: c.variables, usedBy: c.usedBy })),
      blockers: p.blockers.map((b) => ({ kind: b.kind, ...(b.node ? { node: b.node } : {}), note: render(locale, b.note) })),
    })),
    summary: summarize(plans),
  };
}

/** The plan of every flow, then the summary, as Markdown. */
export function planMarkdown(locale: Locale, plans: readonly FlowPlan[], base?: string): string {
  const out: string[] = [];
  const word = (r: 'automatic' | 'review' | 'manual') => t(locale, `migration.readiness.${r}`);
  if (!plans.length) return t(locale, 'migration.report.noFlows') + '\n';
  for (const p of plans) {
    out.push(`# ${t(locale, 'migration.report.title', { path: rel(p.path, base) })}`, '');
    out.push(t(locale, 'migration.report.flow', { kind: p.kind === 'flexFlow' ? 'flex' : 'DAG', readiness: word(p.readiness) }), '');
    if (!p.generatable) {
      out.push(t(locale, 'migration.report.notGeneratable'), '');
      for (const b of p.blockers.filter((x) => x.kind === 'invalidFlow')) out.push(`- ${render(locale, b.note)}`);
      out.push('');
    }
    if (p.nodes.length) {
      out.push(`## ${t(locale, 'migration.report.nodes')}`, '');
      for (const n of p.nodes) {
        out.push(`- ${t(locale, 'migration.report.node', { name: n.name, type: n.type, mapsTo: n.mapsTo, readiness: word(n.readiness) })}`);
        for (const m of n.notes) out.push(`  - ${render(locale, m)}`);
      }
      out.push('');
    }
    if (p.items.length) {
      out.push(`## ${t(locale, 'migration.report.flowItems')}`, '');
      for (const i of p.items) out.push(`- ${i.subject} [${word(i.readiness)}]: ${render(locale, i.note)}`);
      out.push('');
    }
    if (p.connections.length) {
      out.push(`## ${t(locale, 'migration.report.connections')}`, '');
      for (const c of p.connections)
        out.push(
          `- ${
            c.type === 'CustomConnection'
              ? t(locale, 'migration.report.customConnection', {
                  name: c.name,
                  nodes: joinList(locale, c.usedBy),
                  prefix: envPrefix(c.name),
                })
              : t(locale, 'migration.report.connection', {
                  name: c.name,
                  type: c.type,
                  nodes: joinList(locale, c.usedBy),
                  variables: joinList(locale, c.variables),
                })
          }`,
        );
      out.push('');
    }
    const others = p.blockers.filter((b) => b.kind !== 'invalidFlow');
    if (others.length) {
      out.push(`## ${t(locale, 'migration.report.blockers')}`, '');
      for (const b of others) out.push(`- ${b.node ? `${b.node}: ` : ''}${render(locale, b.note)}`);
      out.push('');
    }
  }
  const s = summarize(plans);
  out.push('---', '', t(locale, 'migration.report.summary', { flows: s.flows, generatable: s.generatable, ...s.nodes }));
  const kinds = Object.entries(s.blockers).map(([k, n]) => `${t(locale, `migration.blockerKind.${k as keyof typeof s.blockers}`)} ${n}`);
  out.push(
    kinds.length
      ? t(locale, 'migration.report.blockerCounts', { list: joinList(locale, kinds) })
      : t(locale, 'migration.report.noBlockers'),
  );
  return out.join('\n') + '\n';
}
