// The environment a compute session is built from (S3, S6, S10): the flow file's `environment`
// after `additional_includes` are merged, with the requirements file read into lines.
import { basename } from 'node:path';
import { flowYamlValue, parseFlowYaml } from './yaml';
import { FlowError } from './errors';
import { nodeFileHost } from './fileHost';
import { flowInfoOf, locateFlow, resolveInFlow } from './folder';
import { flowReach, MAX_TEXT_FILE_BYTES, readTextBounded, realPath, type AccessProblem } from './access';
import { accessProblemText } from './accessText';
import { msg, type Message } from '../i18n';
import { yamlErrorLine } from './yamlOpening';

export interface FlowEnvironment {
  flowFolder: string;
  flowFile: string;
  flowName: string;
  /** `environment` as the official SDK hashes it: python_requirements_txt replaced by the file's lines. */
  environment: Record<string, unknown>;
  /** Lines to install (Python `str.splitlines()` of the requirements file). */
  requirements: string[];
  requirementsPath?: string;
  baseImage?: string;
  additionalIncludes: string[];
  /** The names of the flow's declared inputs (`inputs:` of the flow file), in order. */
  inputs: string[];
}

/** Python's str.splitlines(): splits on every line boundary Python knows, no trailing empty entry. */
export function pySplitLines(text: string): string[] {
  // \x1c–\x1e (file/group/record separators) are line boundaries for Python too.
  // eslint-disable-next-line no-control-regex
  const parts = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function fail(message: Message): never {
  throw FlowError.of(message, msg('flow.fix.openFolder'));
}

/** A file of the flow that cannot be read as it is: never opened when it is not a regular file, bounded when it is. */
function unreadable(problem: AccessProblem, path: string, expected: string): never {
  throw FlowError.of(accessProblemText(problem, path, expected), msg('access.fix'));
}

function readText(path: string, expected: string): string {
  const r = readTextBounded(path, MAX_TEXT_FILE_BYTES);
  if ('problem' in r) unreadable(r.problem, path, expected);
  return r.text;
}

/** Parses the flow file; a file too large or too deep for a parser (an alias bomb, 10,000 levels) says so. */
function parseFlow(text: string, flowFile: string): unknown {
  try {
    const doc = parseFlowYaml(text);
    const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
    if (exhausted) throw FlowError.of(msg('access.inputTooBig', { path: flowFile }), msg('access.fix'));
    if (doc.errors.length) fail(msg('flow.notYaml', { file: basename(flowFile), reason: yamlErrorLine(text, doc.errors[0]) }));
    return flowYamlValue(doc);
  } catch (e) {
    if (e instanceof FlowError) throw e;
    // The parser's own limits (alias count, recursion) are what stopped it: the input, not a bug.
    throw FlowError.of(msg('access.inputTooBig', { path: flowFile }), msg('access.fix'));
  }
}

/** Reads the flow folder; throws a FlowError with a clear message on bad input. */
export function readFlowEnvironment(flowPath: string): FlowEnvironment {
  const flow = locateFlow(flowPath);
  if (!flow) fail(msg('flow.notFound', { path: flowPath }));
  const text = readText(flow.flowFile, basename(flow.flowFile));
  // One parse serves the environment and the includes.
  const root = parseFlow(text, flow.flowFile);
  const r = root && typeof root === 'object' && !Array.isArray(root) ? (root as Record<string, unknown>) : {};
  const info = flowInfoOf(root);
  const rawEnv = r.environment;
  const environment: Record<string, unknown> =
    rawEnv && typeof rawEnv === 'object' && !Array.isArray(rawEnv) ? { ...(rawEnv as Record<string, unknown>) } : {};
  let requirements: string[] = [];
  let requirementsPath: string | undefined;
  const named = environment.python_requirements_txt;
  if (typeof named === 'string') {
    requirementsPath = resolveInFlow(nodeFileHost, flow.folder, info.additionalIncludes, named);
    if (!requirementsPath) fail(msg('flow.requirementsMissing', { name: named }));
    // S6: the flow reaches its folder and its includes only; anything else is neither read nor sent.
    const leaves = flowReach(flow.folder, info.additionalIncludes, named, requirementsPath);
    if (leaves) {
      const what = msg('access.what.requirements');
      throw FlowError.of(
        leaves === 'absolute'
          ? msg('access.absolutePath', { what, path: named })
          : msg('access.outsideFlow', { what, path: named, real: realPath(requirementsPath) ?? requirementsPath }),
        msg('access.fix'),
      );
    }
    requirements = pySplitLines(readText(requirementsPath, 'requirements.txt'));
    environment.python_requirements_txt = requirements;
  }
  const image = typeof environment.image === 'string' ? environment.image : undefined;
  return {
    flowFolder: flow.folder,
    flowFile: flow.flowFile,
    flowName: basename(flow.folder),
    environment,
    requirements,
    requirementsPath,
    baseImage: image,
    additionalIncludes: info.additionalIncludes,
    inputs: r.inputs && typeof r.inputs === 'object' && !Array.isArray(r.inputs) ? Object.keys(r.inputs) : [],
  };
}
