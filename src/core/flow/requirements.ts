// A pip requirements file, line by line, with the ranges editors need. Follows the pip file
// format: comments, `\` continuations, options (-r, -i, ...), specifiers, markers, URLs.
import type { Range } from './types';
import { isMessage, msg, type Message } from '../i18n';

export type RequirementLineKind = 'requirement' | 'option' | 'path' | 'url' | 'blank' | 'comment' | 'invalid';

export interface RequirementOption {
  /** Canonical long name, e.g. `--index-url` for `-i`. */
  name: string;
  value?: string;
  valueRange?: Range;
}

export interface RequirementLine {
  kind: RequirementLineKind;
  /** Logical line text (continuations joined, comment stripped). */
  text: string;
  /** Whole logical line (first to last physical line). */
  range: Range;
  name?: string;
  nameRange?: Range;
  /** Version specifier such as `==1.2.0` or `>=1,<2`. */
  spec?: string;
  specRange?: Range;
  marker?: string;
  options: RequirementOption[];
  /** Why an `invalid` line was rejected. */
  problem?: Message;
}

const OPTION_ALIASES: Record<string, string> = {
  '-r': '--requirement',
  '-c': '--constraint',
  '-i': '--index-url',
  '-e': '--editable',
  '-f': '--find-links',
};
const OPTIONS_WITH_VALUE = new Set([
  '--requirement',
  '--constraint',
  '--index-url',
  '--extra-index-url',
  '--editable',
  '--find-links',
  '--trusted-host',
  '--no-binary',
  '--only-binary',
  '--use-feature',
  '--hash',
  '--config-settings',
  '--global-option',
]);
const FLAG_OPTIONS = new Set(['--pre', '--prefer-binary', '--require-hashes', '--no-index']);

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const EXTRAS = /^\s*\[[A-Za-z0-9._,\s-]*\]/;
const SPEC = /^\s*(?:(?:===|==|>=|<=|!=|~=|>|<)\s*[A-Za-z0-9.*+!_-]+\s*,?\s*)+/;

interface Physical {
  text: string;
  line: number;
  endLine: number;
  endChar: number;
}

/** Joins `\` continuations and strips comments, remembering where each logical line sits. */
function logicalLines(text: string): Physical[] {
  const raw = text.split(/\r?\n/);
  const out: Physical[] = [];
  for (let i = 0; i < raw.length; i++) {
    const start = i;
    let body = raw[i];
    while (body.endsWith('\\') && i + 1 < raw.length) {
      body = body.slice(0, -1) + ' ' + raw[++i];
    }
    out.push({ text: body, line: start, endLine: i, endChar: raw[i].length });
  }
  return out;
}

function stripComment(s: string): string {
  // pip treats `#` as a comment at the start or after whitespace; `#egg=` in URLs survives.
  const m = /(^|\s)#/.exec(s);
  return m ? s.slice(0, m.index) : s;
}

function rangeOn(p: Physical, from: number, to: number): Range {
  // Ranges inside joined continuation lines are approximate; pin them to the first line.
  if (p.endLine !== p.line) return { start: { line: p.line, character: 0 }, end: { line: p.endLine, character: p.endChar } };
  return { start: { line: p.line, character: from }, end: { line: p.line, character: to } };
}

function parseOptions(p: Physical, body: string, offset: number): RequirementOption[] | Message {
  const tokens = [...body.matchAll(/\S+/g)];
  const options: RequirementOption[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t][0];
    const at = offset + (tokens[t].index ?? 0);
    if (!tok.startsWith('-')) return msg('validation.pip.unexpected', { token: tok });
    const eq = tok.indexOf('=');
    const flag = eq > 0 && tok.startsWith('--') ? tok.slice(0, eq) : tok;
    let name = OPTION_ALIASES[flag] ?? flag;
    let value: string | undefined;
    let valueAt = 0;
    if (!name.startsWith('--') && flag.length > 2 && OPTION_ALIASES[flag.slice(0, 2)]) {
      // `-rother.txt` form
      name = OPTION_ALIASES[flag.slice(0, 2)];
      value = flag.slice(2);
      valueAt = at + 2;
    } else if (eq > 0 && tok.startsWith('--')) {
      value = tok.slice(eq + 1);
      valueAt = at + eq + 1;
    }
    if (FLAG_OPTIONS.has(name)) {
      options.push({ name });
      continue;
    }
    if (!OPTIONS_WITH_VALUE.has(name)) return msg('validation.pip.unknownOption', { option: flag });
    if (value === undefined) {
      const next = tokens[t + 1];
      if (!next) return msg('validation.pip.optionValue', { option: flag });
      value = next[0];
      valueAt = offset + (next.index ?? 0);
      t++;
    }
    options.push({ name, value, valueRange: rangeOn(p, valueAt, valueAt + value.length) });
  }
  return options;
}

function looksLikePath(s: string): boolean {
  return /^(\.{1,2}[\\/]|[\\/]|[A-Za-z]:[\\/]|~[\\/]|file:)/.test(s) || /\.(whl|tar\.gz|zip|tar\.bz2)$/i.test(s);
}

function parseLine(p: Physical): RequirementLine {
  const full = rangeOn(p, 0, p.text.length);
  const body = stripComment(p.text);
  const base: RequirementLine = { kind: 'blank', text: body.trim(), range: full, options: [] };
  if (body.trim() === '') return { ...base, kind: p.text.trim() ? 'comment' : 'blank' };
  const lead = body.length - body.trimStart().length;
  const trimmed = body.trim();

  if (trimmed.startsWith('-')) {
    const opts = parseOptions(p, body.slice(lead), lead);
    if (isMessage(opts)) return { ...base, kind: 'invalid', problem: opts };
    return { ...base, kind: 'option', options: opts };
  }
  // Requirement with trailing per-requirement options such as --hash.
  const optAt = trimmed.search(/\s--?[A-Za-z]/);
  const req = optAt >= 0 ? trimmed.slice(0, optAt) : trimmed;
  let options: RequirementOption[] = [];
  if (optAt >= 0) {
    const opts = parseOptions(p, trimmed.slice(optAt), lead + optAt);
    if (isMessage(opts)) return { ...base, kind: 'invalid', problem: opts };
    options = opts;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(req) && !req.toLowerCase().startsWith('file:')) {
    return { ...base, kind: 'url', options };
  }
  if (/^[A-Za-z0-9][\w.[\],-]*\s*@\s*\S/.test(req)) return { ...base, kind: 'url', name: NAME.exec(req)?.[0], options };
  if (looksLikePath(req)) return { ...base, kind: 'path', options };

  const [spec0, marker] = splitMarker(req);
  const nameMatch = NAME.exec(spec0);
  if (!nameMatch) return { ...base, kind: 'invalid', problem: msg('validation.pip.noName') };
  let rest = spec0.slice(nameMatch[0].length);
  const extras = EXTRAS.exec(rest);
  if (extras) rest = rest.slice(extras[0].length);
  const name = nameMatch[0];
  const line: RequirementLine = {
    ...base,
    kind: 'requirement',
    name,
    nameRange: rangeOn(p, lead, lead + name.length),
    options,
    marker,
  };
  if (/^\s*@/.test(rest)) return { ...line, kind: 'url' };
  if (rest.trim() === '') return line;
  const spec = SPEC.exec(rest);
  if (!spec || spec[0].trim().length !== rest.trim().length) {
    return { ...base, kind: 'invalid', problem: msg('validation.pip.badSpecifier', { spec: rest.trim() }) };
  }
  const specStart = lead + nameMatch[0].length + (extras?.[0].length ?? 0) + (rest.length - rest.trimStart().length);
  const specText = spec[0].trim().replace(/,$/, '');
  return { ...line, spec: specText, specRange: rangeOn(p, specStart, specStart + specText.length) };
}

function splitMarker(s: string): [string, string | undefined] {
  const i = s.indexOf(';');
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1).trim()];
}

/** Parses a requirements file; never throws. */
export function parseRequirements(text: string): RequirementLine[] {
  return logicalLines(text).map(parseLine);
}

/** Packages a session's base image provides (S8, S13): pinning them can conflict with the image. */
const BASE_IMAGE_PACKAGES = new Set(['promptflow', 'promptflow-tools']);

/** A requirement that pins a package the base image provides (warned about, and removed by a migration). */
export function pinsBaseImagePackage(l: RequirementLine): boolean {
  return l.kind === 'requirement' && !!l.name && !!l.spec && BASE_IMAGE_PACKAGES.has(normalizePackageName(l.name));
}

/** pip compares names after PEP 503 normalisation. */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
