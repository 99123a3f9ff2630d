// File rules shared by DAG and flex flows: includes, requirements file, node sources, paths that
// leave the workspace, and more than one flow file in a folder.
import { basename, dirname, resolve } from 'node:path';
import { isScalar, isSeq } from 'yaml';
import { FLOW_FILE_NAMES, isFlowFileName } from '../flow/files';
import { isInside, resolveInFlow } from '../flow/folder';
import { Codes } from './codes';
import type { RuleContext } from './context';
import { raw, type RawDiagnostic } from './diag';
import { checkRequirements } from './requirementsRules';
import { rangeOf, stringAt } from './yamlTools';

export interface FlowPaths {
  includes: { value: string; start: number; end: number }[];
  requirements?: { value: string; start: number; end: number };
  sources: { value: string; start: number; end: number; what: string }[];
}

/** Reads `additional_includes` and `environment.python_requirements_txt` from top-level values. */
export function readFlowPaths(additionalIncludes: unknown, includesBase: number, environment: unknown, envBase: number): FlowPaths {
  const out: FlowPaths = { includes: [], sources: [] };
  if (isSeq(additionalIncludes)) {
    for (const it of additionalIncludes.items) {
      if (isScalar(it) && typeof it.value === 'string') {
        const [s, e] = rangeOf(it);
        out.includes.push({ value: it.value, start: s + includesBase, end: e + includesBase });
      }
    }
  }
  const req = stringAt(environment, 'python_requirements_txt');
  if (req) out.requirements = { value: req.value, start: req.start + envBase, end: req.end + envBase };
  return out;
}

function outside(ctx: RuleContext, abs: string, start: number, end: number, what: string): RawDiagnostic[] {
  if (!ctx.workspaceRoot || isInside(ctx.workspaceRoot, abs)) return [];
  return [
    raw(
      start,
      end,
      'warning',
      Codes.outsideWorkspace,
      `${what} "${abs}" is outside the workspace folder; it may be missing for others and in CI. Move it into the workspace.`,
    ),
  ];
}

export function checkFlowPaths(p: FlowPaths, ctx: RuleContext): RawDiagnostic[] {
  const folder = dirname(ctx.path);
  const names = p.includes.map((i) => i.value);
  const out: RawDiagnostic[] = [];
  for (const inc of p.includes) {
    const abs = resolve(folder, inc.value);
    if (!ctx.files.exists(abs)) {
      out.push(
        raw(
          inc.start,
          inc.end,
          'error',
          Codes.includeMissing,
          `additional_includes entry "${inc.value}" does not exist (looked for ${abs}). Fix the path or remove the entry.`,
        ),
      );
    }
    out.push(...outside(ctx, abs, inc.start, inc.end, 'Included path'));
  }
  // 1,000 nodes usually share a handful of source files: resolve each value once.
  const resolved = new Map<string, string | undefined>();
  const inside = new Map<string, boolean>();
  for (const src of p.sources) {
    if (!resolved.has(src.value)) resolved.set(src.value, resolveInFlow(ctx.files, folder, names, src.value));
    const found = resolved.get(src.value);
    if (!found) {
      out.push(
        raw(
          src.start,
          src.end,
          'error',
          Codes.sourceMissing,
          `${src.what} "${src.value}" is neither in the flow folder nor brought in by additional_includes. Create the file or fix the path.`,
        ),
      );
    } else {
      if (!inside.has(found)) inside.set(found, !ctx.workspaceRoot || isInside(ctx.workspaceRoot, found));
      if (!inside.get(found)) out.push(...outside(ctx, found, src.start, src.end, 'Source file'));
    }
  }
  if (p.requirements) {
    const r = p.requirements;
    const found = resolveInFlow(ctx.files, folder, names, r.value);
    if (!found) {
      out.push(
        raw(
          r.start,
          r.end,
          'error',
          Codes.requirementsMissing,
          `Requirements file "${r.value}" does not exist in the flow folder or its additional_includes. Create it or fix environment.python_requirements_txt.`,
        ),
      );
    } else {
      out.push(...outside(ctx, found, r.start, r.end, 'Requirements file'));
      out.push(...relayRequirements(found, r, ctx));
    }
  }
  return out;
}

/** Problems of the requirements file a session would install, summarised on the flow's reference to it. */
function relayRequirements(file: string, at: { start: number; end: number }, ctx: RuleContext): RawDiagnostic[] {
  const text = ctx.files.readFile(file);
  if (text === undefined) return [];
  const found = checkRequirements(text, { ...ctx, path: file, text }).filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (found.length === 0) return [];
  const errors = found.filter((d) => d.severity === 'error');
  const first = (errors[0] ?? found[0]).message;
  return [
    raw(
      at.start,
      at.end,
      errors.length ? 'error' : 'warning',
      Codes.requirementsProblems,
      `${basename(file)} has ${found.length} problem(s), e.g. ${first} Open the file to fix them.`,
    ),
  ];
}

/** Loading a folder with more than one flow file fails. */
export function checkMultipleFlowFiles(ctx: RuleContext): RawDiagnostic[] {
  if (!isFlowFileName(ctx.path)) return [];
  const folder = dirname(ctx.path);
  const present = FLOW_FILE_NAMES.filter((n) => ctx.files.exists(resolve(folder, n)));
  if (present.length < 2) return [];
  const end = ctx.text.indexOf('\n');
  return [
    raw(
      0,
      end < 0 ? ctx.text.length : end,
      'error',
      Codes.multipleFlowFiles,
      `This folder holds ${present.join(', ')}; prompt flow cannot load a folder with more than one flow file. Keep one.`,
    ),
  ];
}
