// requirements.txt rules (S8, S9): what a compute session can and cannot install.
import { dirname, resolve } from 'node:path';
import { LineIndex } from '../flow/lineIndex';
import { parseRequirements, pinsBaseImagePackage, type RequirementLine } from '../flow/requirements';
import { Codes } from './codes';
import type { RuleContext } from './context';
import { raw, type RawDiagnostic } from './diag';
import type { Range } from './types';

const INDEX_OPTIONS = new Set(['--index-url', '--extra-index-url', '--find-links']);

function offsets(lines: LineIndex, r: Range): [number, number] {
  return [lines.offset(r.start), lines.offset(r.end)];
}

/** Checks an index URL; `{private}` is the placeholder the service fills with the identity's token. */
export function indexUrlProblem(value: string): string | undefined {
  const probe = value.replace(/\{[A-Za-z_]+\}/g, 'placeholder');
  let url: URL;
  try {
    url = new URL(probe);
  } catch {
    return `"${value}" is not a valid URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${value}" must start with https://`;
  if (!url.hostname || url.hostname === 'placeholder') return `"${value}" has no host name`;
  return undefined;
}

function lineRules(l: RequirementLine, lines: LineIndex, ctx: RuleContext): RawDiagnostic[] {
  const [s, e] = offsets(lines, l.range);
  const out: RawDiagnostic[] = [];
  switch (l.kind) {
    case 'invalid':
      out.push(
        raw(
          s,
          e,
          'error',
          Codes.malformedLine,
          `pip cannot read this line: ${l.problem}. Write "package", "package==version" or a pip option.`,
        ),
      );
      break;
    case 'path':
      out.push(
        raw(
          s,
          e,
          'error',
          Codes.localPackage,
          'Local wheel files and paths are not supported by compute sessions. Publish the package to a feed, or build a custom image with it and set environment.image.',
        ),
      );
      break;
    case 'requirement':
      if (pinsBaseImagePackage(l) && l.specRange) {
        const [ns] = offsets(lines, l.nameRange!);
        const [ss, se] = offsets(lines, l.specRange);
        out.push({
          ...raw(
            ns,
            se,
            'warning',
            Codes.pinnedPromptflow,
            `Do not pin ${l.name}: the session's base image provides it, and a pin can conflict with the image. Remove "${l.spec}".`,
          ),
          fix: { title: `Unpin ${l.name}`, edits: [{ start: ss, end: se, newText: '' }] },
        });
      }
      break;
    default:
      break;
  }
  for (const o of l.options) {
    const [vs, ve] = o.valueRange ? offsets(lines, o.valueRange) : [s, e];
    if (o.name === '--editable' && o.value && !/^[a-z+]+:\/\//i.test(o.value)) {
      out.push(
        raw(
          vs,
          ve,
          'error',
          Codes.localPackage,
          'Editable local paths are not supported by compute sessions. Publish the package, or build a custom image.',
        ),
      );
    }
    if (INDEX_OPTIONS.has(o.name) && o.value !== undefined) {
      const problem = o.name === '--find-links' && !/^[a-z]+:/i.test(o.value) ? undefined : indexUrlProblem(o.value);
      if (problem)
        out.push(raw(vs, ve, 'error', Codes.badIndexUrl, `${problem}. Use ${o.name} https://{private}@<feed-host>/<path>/simple/.`));
      else if (/\{private\}/i.test(o.value)) {
        out.push(
          raw(
            vs,
            ve,
            'information',
            Codes.privateFeed,
            'This private feed is read with a user-assigned managed identity: set one on the workspace (serverless) or the compute instance, and choose it in the session settings.',
          ),
        );
      }
    }
    if ((o.name === '--requirement' || o.name === '--constraint') && o.value) {
      const target = resolve(dirname(ctx.path), o.value);
      if (!ctx.files.exists(target)) {
        out.push(
          raw(
            vs,
            ve,
            'error',
            Codes.includeNotFound,
            `Included file "${o.value}" does not exist next to this file (looked for ${target}). Fix the path.`,
          ),
        );
      }
    }
  }
  return out;
}

export function checkRequirements(text: string, ctx: RuleContext): RawDiagnostic[] {
  const lines = new LineIndex(text);
  const out: RawDiagnostic[] = [];
  for (const l of parseRequirements(text)) out.push(...lineRules(l, lines, ctx));
  return out;
}
