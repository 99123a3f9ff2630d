// requirements.txt rules (S8, S9): what a compute session can and cannot install, and from where.
import { basename, dirname, resolve } from 'node:path';
import { DEFAULT_REQUIREMENTS_FILE, flowFileIn } from '../flow/files';
import { readFlowText, resolveInFlow } from '../flow/folder';
import { LineIndex } from '../flow/lineIndex';
import { redact } from '../redact';
import { parseRequirements, pinsBaseImagePackage, type RequirementLine } from '../flow/requirements';
import { Codes } from './codes';
import type { RuleContext } from './context';
import { raw, type RawDiagnostic } from './diag';
import { guardText } from './guard';
import type { Range } from './types';
import { msg, type Message } from '../i18n';

const INDEX_OPTIONS = new Set(['--index-url', '--extra-index-url', '--find-links']);

function offsets(lines: LineIndex, r: Range): [number, number] {
  return [lines.offset(r.start), lines.offset(r.end)];
}

/** The placeholder the service fills with a token of the user-assigned identity (S9, Azure DevOps feeds). */
const PRIVATE = '{private}';

/** A URL as a message may show it: credentials masked. */
function shown(value: string): string {
  // Whatever stands before an `@` (past the last `/`) is user information, even in a URL too broken to parse.
  return redact(value).replace(/(^|\/)(?!\{private\}@)[^/\s@]+@/gi, '$1***@');
}

/** Where the user information (`user:password@`, `token@`, `{private}@`) of a URL sits, if it has one. */
function userInfo(value: string): { start: number; end: number; text: string } | undefined {
  // Greedy: the user information runs to the last `@` before the path.
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i.exec(value);
  return m ? { start: m[1].length, end: m[1].length + m[2].length, text: m[2] } : undefined;
}

/** Braces that are not exactly one `{private}`: a placeholder typed wrong. */
function placeholderProblem(value: string): boolean {
  const braces = value.replace(/\{private\}/gi, '');
  return /[{}]/.test(braces);
}

/** Checks an index URL; `{private}` is the placeholder the service fills with the identity's token. */
export function indexUrlProblem(value: string): Message | undefined {
  const probe = value.replace(/\{private\}/gi, 'placeholder');
  let url: URL;
  try {
    url = new URL(probe);
  } catch {
    return msg('validation.url.invalid', { url: shown(value) });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return msg('validation.url.scheme', { url: shown(value) });
  if (!url.hostname || url.hostname === 'placeholder') return msg('validation.url.noHost', { url: shown(value) });
  return undefined;
}

/** An index option's problems: a malformed placeholder, a bad URL, credentials written into it, or the identity it needs. */
function feedRules(name: string, value: string, vs: number, ve: number): RawDiagnostic[] {
  if (placeholderProblem(value)) {
    return [raw(vs, ve, 'error', Codes.malformedPlaceholder, msg('validation.malformedPlaceholder', { private: PRIVATE, option: name }))];
  }
  const problem = name === '--find-links' && !/^[a-z]+:/i.test(value) ? undefined : indexUrlProblem(value);
  if (problem) return [raw(vs, ve, 'error', Codes.badIndexUrl, msg('validation.badIndexUrl', { problem, option: name, private: PRIVATE }))];
  const info = userInfo(value);
  if (info && info.text.toLowerCase() === PRIVATE) {
    return [raw(vs, ve, 'information', Codes.privateFeed, msg('validation.privateFeed'))];
  }
  if (info && info.text !== '') {
    return [
      {
        ...raw(vs, ve, 'warning', Codes.feedCredentials, msg('validation.feedCredentials', { private: PRIVATE })),
        fix: {
          title: msg('validation.fix.privatePlaceholder', { private: PRIVATE }),
          edits: [{ start: vs + info.start, end: vs + info.end, newText: PRIVATE }],
        },
      },
    ];
  }
  // A public index (PyPI or a mirror) needs nothing.
  return [];
}

function lineRules(l: RequirementLine, lines: LineIndex, ctx: RuleContext): RawDiagnostic[] {
  const [s, e] = offsets(lines, l.range);
  const out: RawDiagnostic[] = [];
  switch (l.kind) {
    case 'invalid':
      out.push(raw(s, e, 'error', Codes.malformedLine, msg('validation.pipLine', { problem: l.problem ?? '' })));
      break;
    case 'path':
      out.push(raw(s, e, 'error', Codes.localPackage, msg('validation.localWheel')));
      break;
    case 'requirement':
      if (pinsBaseImagePackage(l) && l.specRange) {
        const [ns] = offsets(lines, l.nameRange!);
        const [ss, se] = offsets(lines, l.specRange);
        out.push({
          ...raw(ns, se, 'warning', Codes.pinnedPromptflow, msg('validation.pinned', { name: String(l.name), spec: String(l.spec) })),
          fix: { title: msg('validation.fix.unpin', { name: String(l.name) }), edits: [{ start: ss, end: se, newText: '' }] },
        });
      }
      break;
    default:
      break;
  }
  for (const o of l.options) {
    const [vs, ve] = o.valueRange ? offsets(lines, o.valueRange) : [s, e];
    if (o.name === '--editable' && o.value && !/^[a-z+]+:\/\//i.test(o.value)) {
      out.push(raw(vs, ve, 'error', Codes.localPackage, msg('validation.editablePath')));
    }
    if (INDEX_OPTIONS.has(o.name) && o.value !== undefined) out.push(...feedRules(o.name, o.value, vs, ve));
    if ((o.name === '--requirement' || o.name === '--constraint') && o.value) {
      const target = resolve(dirname(ctx.path), o.value);
      if (!ctx.files.exists(target)) {
        out.push(raw(vs, ve, 'error', Codes.includeNotFound, msg('validation.includedFileMissing', { file: o.value, path: target })));
      }
    }
  }
  return out;
}

/**
 * A requirements.txt beside a flow that does not name it in environment.python_requirements_txt: a
 * session installs nothing from it. Only the flow folder's own file is meant; other names are free.
 */
function unusedRule(text: string, ctx: RuleContext): RawDiagnostic[] {
  if (basename(ctx.path) !== DEFAULT_REQUIREMENTS_FILE) return [];
  const folder = dirname(ctx.path);
  const flowFile = flowFileIn(folder, ctx.files);
  const flowText = flowFile && ctx.files.readFile(flowFile);
  // A flow file the validator would not parse is not parsed here either.
  if (!flowFile || flowText === undefined || guardText(flowText, true)) return [];
  const info = readFlowText(flowText);
  const named = info.environment.pythonRequirementsTxt;
  if (named !== undefined && resolveInFlow(ctx.files, folder, info.additionalIncludes, named) === resolve(ctx.path)) return [];
  const end = text.indexOf('\n');
  const flow = basename(flowFile);
  return [
    raw(
      0,
      end < 0 ? text.length : end > 0 && text[end - 1] === '\r' ? end - 1 : end,
      'warning',
      Codes.requirementsUnused,
      named === undefined
        ? msg('validation.requirementsUnnamedByFlow', { flow, file: DEFAULT_REQUIREMENTS_FILE })
        : msg('validation.requirementsOtherNamed', { flow, named }),
    ),
  ];
}

/** `relayed`: checked for the flow that names this file (so it is used). */
export function checkRequirements(text: string, ctx: RuleContext, relayed = false): RawDiagnostic[] {
  const lines = new LineIndex(text);
  const out: RawDiagnostic[] = relayed ? [] : unusedRule(text, ctx);
  for (const l of parseRequirements(text)) out.push(...lineRules(l, lines, ctx));
  return out;
}
