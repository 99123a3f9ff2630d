// Installed packages compared with requirements.txt (S7): missing, different version, extra.
import { normalizePackageName, parseRequirements } from '../flow/requirements';
import type { PackagesReport } from './types';

/**
 * Parses the `pipPackages` string. Its format is UNVERIFIED (the swagger says only `string`), so
 * accept what pip can print: `pip freeze` lines (`name==1.0`, `name @ url`), `pip list` columns
 * (`name 1.0`, with or without the header), and a JSON array of `{name, version}`.
 */
export function parsePipPackages(text: string): { name: string; version: string }[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const arr = JSON.parse(trimmed) as unknown[];
      return arr
        .filter((x): x is { name: string; version: string } => !!x && typeof (x as { name?: unknown }).name === 'string')
        .map((x) => ({ name: x.name, version: String(x.version ?? '') }));
    } catch {
      // fall through to lines
    }
  }
  let body = trimmed;
  if (body.startsWith('"')) {
    try {
      body = JSON.parse(body) as string;
    } catch {
      // keep as is
    }
  }
  const out: { name: string; version: string }[] = [];
  for (const raw of body.split(/\r?\n|\\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || /^-+(\s+-+)*$/.test(line) || /^package\s+version/i.test(line)) continue;
    let m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*===?\s*([^\s;]+)/.exec(line);
    if (!m) m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s+@\s+(\S+)/.exec(line);
    if (!m) m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s+\(?v?([0-9][^\s)]*)\)?/.exec(line);
    if (m) out.push({ name: m[1], version: m[2] });
  }
  return out;
}

/** Numeric release segments of a version (`1.2.3rc1` → [1,2,3]); pre/post/local parts are ignored. */
function release(v: string): number[] {
  const m = /^\s*v?(\d+(?:\.\d+)*)/.exec(v);
  return m ? m[1].split('.').map(Number) : [];
}

function cmp(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** A small PEP 440 check for ==, !=, >=, <=, <, >, ~= (and `==1.*`) on numeric release segments. */
export function satisfies(version: string, spec: string): boolean {
  const v = release(version);
  if (!v.length) return true; // not a release version (e.g. a URL install): cannot compare, do not flag
  for (const clause of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(===|==|!=|>=|<=|~=|<|>)\s*(.+)$/.exec(clause);
    if (!m) continue;
    const [, op, target] = m;
    if (op === '===') {
      if (version.trim() !== target.trim()) return false;
      continue;
    }
    if ((op === '==' || op === '!=') && target.endsWith('.*')) {
      const prefix = release(target.slice(0, -2));
      const match = cmp(v.slice(0, prefix.length), prefix) === 0;
      if ((op === '==') !== match) return false;
      continue;
    }
    const t = release(target);
    const c = cmp(v, t);
    const ok =
      op === '=='
        ? c === 0
        : op === '!='
          ? c !== 0
          : op === '>='
            ? c >= 0
            : op === '<='
              ? c <= 0
              : op === '<'
                ? c < 0
                : op === '>'
                  ? c > 0
                  : /* ~= */ c >= 0 && cmp(v.slice(0, Math.max(t.length - 1, 1)), t.slice(0, Math.max(t.length - 1, 1))) === 0;
    if (!ok) return false;
  }
  return true;
}

export function comparePackages(sessionId: string, requirementLines: string[], pipPackages: string): PackagesReport {
  const installed = parsePipPackages(pipPackages);
  const byName = new Map(installed.map((p) => [normalizePackageName(p.name), p]));
  const required = new Set<string>();
  const report: PackagesReport = { sessionId, installed, missing: [], different: [], extra: [] };
  for (const line of parseRequirements(requirementLines.join('\n'))) {
    if (line.kind !== 'requirement' || !line.name) continue;
    const key = normalizePackageName(line.name);
    required.add(key);
    const have = byName.get(key);
    const spec = line.spec ?? '';
    if (!have) report.missing.push({ name: line.name, required: spec });
    else if (spec && !satisfies(have.version, spec)) report.different.push({ name: line.name, required: spec, installed: have.version });
  }
  for (const p of installed) {
    if (!required.has(normalizePackageName(p.name))) report.extra.push({ name: p.name, installed: p.version });
  }
  return report;
}
