// The environment a compute session is built from (S3, S6, S10): the flow file's `environment`
// after `additional_includes` are merged, with the requirements file read into lines.
import { basename } from 'node:path';
import { errorPlace, flowYamlValue, parseFlowYaml } from './yaml';
import { FlowError } from './errors';
import { nodeFileHost } from './fileHost';
import { flowInfoOf, locateFlow, resolveInFlow } from './folder';

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
}

/** Python's str.splitlines(): splits on every line boundary Python knows, no trailing empty entry. */
export function pySplitLines(text: string): string[] {
  // \x1c–\x1e (file/group/record separators) are line boundaries for Python too.
  // eslint-disable-next-line no-control-regex
  const parts = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function fail(message: string): never {
  throw new FlowError(message, 'Open the flow folder that holds flow.dag.yaml (or flow.flex.yaml) and fix the file.');
}

/** Reads the flow folder; throws a FlowError with a clear message on bad input. */
export function readFlowEnvironment(flowPath: string): FlowEnvironment {
  const flow = locateFlow(flowPath);
  if (!flow) fail(`No flow.dag.yaml or flow.flex.yaml found in ${flowPath}.`);
  const text = nodeFileHost.readFile(flow.flowFile);
  if (text === undefined) fail(`Cannot read ${flow.flowFile}.`);
  if (text.length > 5_000_000) fail(`${flow.flowFile} is too large to be a flow file.`);
  // One parse serves the environment and the includes.
  const doc = parseFlowYaml(text);
  if (doc.errors.length) {
    const e = doc.errors[0];
    const at = errorPlace(text, e.pos[0]);
    fail(`${basename(flow.flowFile)} is not valid YAML: ${e.message.split('\n')[0]} at line ${at.line}, column ${at.column}`);
  }
  const root = flowYamlValue(doc);
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
    if (!requirementsPath)
      fail(`environment.python_requirements_txt names ${named}, which exists neither in the flow folder nor in additional_includes.`);
    const req = nodeFileHost.readFile(requirementsPath);
    if (req === undefined) fail(`Cannot read ${requirementsPath}.`);
    requirements = pySplitLines(req);
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
  };
}
