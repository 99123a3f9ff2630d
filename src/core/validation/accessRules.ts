// Paths a flow names that lead where the flow may not reach (core/flow/access.ts): an absolute path,
// a path out of the flow folder other than through additional_includes, or a symlink in the flow
// folder that leads out of it. Each is an error: the session and the run never read, send or upload it.
import { basename, resolve } from 'node:path';
import { flowReach, includeReach, type ReachProblem } from '../flow/access';
import type { FileHost } from '../flow/types';
import { msg, type MessageId } from '../i18n';
import { Codes } from './codes';
import { raw, type RawDiagnostic } from './diag';

/** The host's real paths; a host without them takes paths as written (nothing is followed). */
const realOf = (files: FileHost) => (p: string) => (files.realPath ? files.realPath(p) : files.exists(p) ? p : undefined);

function leaves(problem: ReachProblem, what: MessageId, path: string, real: string, at: { start: number; end: number }): RawDiagnostic {
  const text =
    problem === 'absolute'
      ? msg('access.absolutePath', { what: msg(what as 'access.what.source'), path })
      : msg('access.outsideFlow', { what: msg(what as 'access.what.source'), path, real });
  return raw(at.start, at.end, 'error', Codes.pathLeavesFlow, text);
}

/** An `additional_includes` entry the flow may not use, or nothing. */
export function checkIncludeReach(files: FileHost, folder: string, inc: { value: string; start: number; end: number }): RawDiagnostic[] {
  const real = realOf(files);
  const problem = includeReach(folder, inc.value, real);
  if (!problem) return [];
  const abs = resolve(folder, inc.value);
  const name = basename(abs);
  const text =
    problem === 'absolute'
      ? msg('access.includeAbsolute', { path: inc.value, name })
      : msg('access.includeLink', { path: inc.value, real: real(abs) ?? abs, name });
  return [raw(inc.start, inc.end, 'error', Codes.pathLeavesFlow, text)];
}

/** A file the flow names (found at `found`) that lies where the flow may not reach, or nothing. */
export function checkPathReach(
  files: FileHost,
  folder: string,
  includes: readonly string[],
  named: { value: string; start: number; end: number },
  found: string,
  what: 'access.what.requirements' | 'access.what.source',
): RawDiagnostic | undefined {
  const real = realOf(files);
  const problem = flowReach(folder, includes, named.value, found, real);
  return problem ? leaves(problem, what, named.value, real(found) ?? found, named) : undefined;
}
