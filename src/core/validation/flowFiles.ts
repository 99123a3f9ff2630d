// File rules shared by DAG and flex flows: includes, requirements file, node sources, paths that
// leave the workspace, and more than one flow file in a folder.
import { basename, dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import { DEFAULT_REQUIREMENTS_FILE, FLOW_FILE_NAMES, isFlowFileName } from '../flow/files';
import { isInside, resolveInFlow } from '../flow/folder';
import { Codes } from './codes';
import type { RuleContext } from './context';
import { listOf, raw, type Message, type RawDiagnostic } from './diag';
import { checkRequirements } from './requirementsRules';
import type { OffsetEdit } from './diag';
import { pairOf, rangeOf, stringAt } from './yamlTools';
import { msg } from '../i18n';

/** The `environment` entry of a flow file: its key and value nodes, with the offset that makes them absolute. */
export interface EnvironmentEntry {
  keyNode: unknown;
  value: unknown;
  base: number;
}

export interface FlowPaths {
  includes: { value: string; start: number; end: number }[];
  requirements?: { value: string; start: number; end: number };
  /** The flow has no `environment.python_requirements_txt` key at all. */
  requirementsUnnamed: boolean;
  environment?: EnvironmentEntry;
  sources: { value: string; start: number; end: number; what: Message }[];
}

/** Reads `additional_includes` and `environment.python_requirements_txt` from top-level values. */
export function readFlowPaths(
  additionalIncludes: unknown,
  includesBase: number,
  environment: unknown,
  envBase: number,
  envKey?: unknown,
): FlowPaths {
  const out: FlowPaths = {
    includes: [],
    sources: [],
    requirementsUnnamed: !pairOf(environment, 'python_requirements_txt'),
    environment: envKey ? { keyNode: envKey, value: environment, base: envBase } : undefined,
  };
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

function outside(ctx: RuleContext, abs: string, start: number, end: number, what: Message): RawDiagnostic[] {
  if (!ctx.workspaceRoot || isInside(ctx.workspaceRoot, abs)) return [];
  return [raw(start, end, 'warning', Codes.outsideWorkspace, msg('validation.outsideWorkspace', { what, path: abs }))];
}

export function checkFlowPaths(p: FlowPaths, ctx: RuleContext): RawDiagnostic[] {
  const folder = dirname(ctx.path);
  const names = p.includes.map((i) => i.value);
  const out: RawDiagnostic[] = [];
  for (const inc of p.includes) {
    const abs = resolve(folder, inc.value);
    if (!ctx.files.exists(abs)) {
      out.push(raw(inc.start, inc.end, 'error', Codes.includeMissing, msg('validation.includeMissing', { entry: inc.value, path: abs })));
    }
    out.push(...outside(ctx, abs, inc.start, inc.end, msg('validation.what.includedPath')));
  }
  // 1,000 nodes usually share a handful of source files: resolve each value once.
  const resolved = new Map<string, string | undefined>();
  const inside = new Map<string, boolean>();
  for (const src of p.sources) {
    if (!resolved.has(src.value)) resolved.set(src.value, resolveInFlow(ctx.files, folder, names, src.value));
    const found = resolved.get(src.value);
    if (!found) {
      out.push(raw(src.start, src.end, 'error', Codes.sourceMissing, msg('validation.sourceMissing', { what: src.what, path: src.value })));
    } else {
      if (!inside.has(found)) inside.set(found, !ctx.workspaceRoot || isInside(ctx.workspaceRoot, found));
      if (!inside.get(found)) out.push(...outside(ctx, found, src.start, src.end, msg('validation.what.sourceFile')));
    }
  }
  if (p.requirementsUnnamed) out.push(...unnamedRequirements(p.environment, ctx));
  if (p.requirements) {
    const r = p.requirements;
    const found = resolveInFlow(ctx.files, folder, names, r.value);
    if (!found) {
      out.push(raw(r.start, r.end, 'error', Codes.requirementsMissing, msg('validation.requirementsMissing', { path: r.value })));
    } else {
      out.push(...outside(ctx, found, r.start, r.end, msg('validation.what.requirementsFile')));
      out.push(...relayRequirements(found, r, ctx));
    }
  }
  return out;
}

const NAMED = `python_requirements_txt: ${DEFAULT_REQUIREMENTS_FILE}`;

/** The edit that names requirements.txt in `environment`: a new line in a block, an item in a flow map, or a new block. */
function nameRequirementsEdit(text: string, env: EnvironmentEntry | undefined): OffsetEdit | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (!env) {
    const lead = text.length && !text.endsWith('\n') ? eol : '';
    return { start: text.length, end: text.length, newText: `${lead}environment:${eol}  ${NAMED}${eol}` };
  }
  const value = env.value;
  if (isMap(value) && value.flow) {
    const [s] = rangeOf(value);
    return { start: s + env.base + 1, end: s + env.base + 1, newText: value.items.length ? `${NAMED}, ` : NAMED };
  }
  if (isMap(value) && value.items.length) {
    const [k] = rangeOf(value.items[0].key).map((o) => o + env.base);
    const at = text.lastIndexOf('\n', k - 1) + 1;
    const indent = text.slice(at, k);
    return /^ *$/.test(indent) ? { start: at, end: at, newText: `${indent}${NAMED}${eol}` } : undefined;
  }
  if (value === null || value === undefined || (isScalar(value) && value.value === null)) {
    const [, ke] = rangeOf(env.keyNode).map((o) => o + env.base);
    let end = text.indexOf('\n', ke);
    if (end < 0) end = text.length;
    if (end > 0 && text[end - 1] === '\r') end--;
    return { start: end, end, newText: `${eol}  ${NAMED}` };
  }
  return undefined;
}

/** A requirements.txt beside the flow that `environment.python_requirements_txt` does not name: a session installs nothing from it. */
function unnamedRequirements(env: EnvironmentEntry | undefined, ctx: RuleContext): RawDiagnostic[] {
  const file = resolve(dirname(ctx.path), DEFAULT_REQUIREMENTS_FILE);
  if (!ctx.files.exists(file) || ctx.files.isDirectory(file)) return [];
  const firstLine = ctx.text.indexOf('\n');
  const [s, e] = env ? rangeOf(env.keyNode).map((o) => o + env.base) : [0, firstLine < 0 ? ctx.text.length : firstLine];
  const d = raw(s, e, 'warning', Codes.requirementsNotNamed, msg('validation.requirementsNotNamed', { file: DEFAULT_REQUIREMENTS_FILE }));
  const edit = nameRequirementsEdit(ctx.text, env);
  return [edit ? { ...d, fix: { title: msg('validation.fix.nameRequirements', { file: DEFAULT_REQUIREMENTS_FILE }), edits: [edit] } } : d];
}

/** Problems of the requirements file a session would install, summarised on the flow's reference to it. */
function relayRequirements(file: string, at: { start: number; end: number }, ctx: RuleContext): RawDiagnostic[] {
  const text = ctx.files.readFile(file);
  if (text === undefined) return [];
  const found = checkRequirements(text, { ...ctx, path: file, text }, true).filter(
    (d) => d.severity === 'error' || d.severity === 'warning',
  );
  if (found.length === 0) return [];
  const errors = found.filter((d) => d.severity === 'error');
  const first = (errors[0] ?? found[0]).message;
  return [
    raw(
      at.start,
      at.end,
      errors.length ? 'error' : 'warning',
      Codes.requirementsProblems,
      msg('validation.requirementsProblems', { file: basename(file), count: found.length, first }),
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
      msg('validation.multipleFlowFiles', { files: listOf(present) }),
    ),
  ];
}
