// Reading a flow folder the way the service sees it: which flow file, which environment, and
// which files exist once `additional_includes` are copied in (S6: each include lands in the flow
// folder root under its own basename).
import { basename, dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { flowYamlValue, parseFlowYaml } from './yaml';
import type { FileHost } from './types';
import { nodeFileHost } from './fileHost';
import { DEFAULT_REQUIREMENTS_FILE, flowFileIn, isFlowFileName } from './files';

/** The flow file of a folder, a flow file itself, or a file inside a flow folder; undefined when none. */
export function locateFlow(path: string, files: FileHost = nodeFileHost): { folder: string; flowFile: string } | undefined {
  const abs = resolve(path);
  if (files.isDirectory(abs)) {
    const flowFile = flowFileIn(abs, files);
    return flowFile ? { folder: abs, flowFile } : undefined;
  }
  if (/\.(ya?ml)$/i.test(abs) && files.exists(abs)) {
    if (isFlowFileName(abs)) return { folder: dirname(abs), flowFile: abs };
    // Other names are legal when passed explicitly (e.g. `flow: ../f/flow_variant.yaml` in a run).
    if (/^(nodes|entry)\s*:/m.test(files.readFile(abs) ?? '')) return { folder: dirname(abs), flowFile: abs };
  }
  return files.exists(abs) ? locateFlow(dirname(abs), files) : undefined;
}

export interface FlowEnvironmentInfo {
  /** `environment.python_requirements_txt` as written. */
  pythonRequirementsTxt?: string;
  /** `environment.image` as written. */
  image?: string;
}

export interface FlowFileInfo {
  kind: 'dagFlow' | 'flexFlow';
  environment: FlowEnvironmentInfo;
  additionalIncludes: string[];
  /** Node name -> variant ids (DAG flows). */
  variants: Map<string, string[]>;
  nodeNames: string[];
}

/** Reads the fields other components need from a flow file's text; tolerant of broken YAML. */
export function readFlowText(text: string): FlowFileInfo {
  let root: unknown;
  try {
    root = flowYamlValue(parseFlowYaml(text));
  } catch {
    root = undefined;
  }
  return flowInfoOf(root);
}

/** The same fields from the plain value of a flow file already parsed. */
export function flowInfoOf(root: unknown): FlowFileInfo {
  const info: FlowFileInfo = { kind: 'dagFlow', environment: {}, additionalIncludes: [], variants: new Map(), nodeNames: [] };
  if (!root || typeof root !== 'object' || Array.isArray(root)) return info;
  const r = root as Record<string, unknown>;
  if ('entry' in r) info.kind = 'flexFlow';
  const env = r.environment as Record<string, unknown> | undefined;
  if (env && typeof env === 'object') {
    if (typeof env.python_requirements_txt === 'string') info.environment.pythonRequirementsTxt = env.python_requirements_txt;
    if (typeof env.image === 'string') info.environment.image = env.image;
  }
  if (Array.isArray(r.additional_includes)) info.additionalIncludes = r.additional_includes.filter((x) => typeof x === 'string');
  if (Array.isArray(r.nodes)) {
    for (const n of r.nodes) if (n && typeof n.name === 'string') info.nodeNames.push(n.name);
  }
  const nv = r.node_variants as Record<string, { variants?: Record<string, unknown> }> | undefined;
  if (nv && typeof nv === 'object') {
    for (const [node, block] of Object.entries(nv)) {
      const ids = block && typeof block.variants === 'object' && block.variants ? Object.keys(block.variants) : [];
      info.variants.set(node, ids);
    }
  }
  return info;
}

export function readFlowFile(flowFile: string, files: FileHost = nodeFileHost): FlowFileInfo | undefined {
  const text = files.readFile(flowFile);
  return text === undefined ? undefined : readFlowText(text);
}

/** True when `child` is `root` or below it. */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Where a flow-relative path really lives once includes are merged: the file in the flow folder,
 * or the include it is copied from. Undefined when it exists nowhere.
 */
export function resolveInFlow(files: FileHost, flowFolder: string, includes: readonly string[], relPath: string): string | undefined {
  const direct = resolve(flowFolder, relPath);
  if (files.exists(direct)) return direct;
  if (isAbsolute(relPath)) return undefined;
  const parts = normalize(relPath)
    .split(sep)
    .filter((p) => p && p !== '.');
  if (parts.length === 0 || parts[0] === '..') return undefined;
  for (const inc of includes) {
    const src = resolve(flowFolder, inc);
    if (basename(src) !== parts[0] || !files.exists(src)) continue;
    const candidate = parts.length === 1 ? src : join(src, ...parts.slice(1));
    if (files.exists(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The requirements file a session of this flow installs (S8), after includes are merged:
 * `environment.python_requirements_txt`, else a `requirements.txt` beside the flow. Undefined when none exists.
 */
export function mergedRequirementsPath(flowFolder: string, files: FileHost = nodeFileHost): string | undefined {
  const flow = locateFlow(flowFolder, files);
  if (!flow) return undefined;
  const info = readFlowFile(flow.flowFile, files);
  const includes = info?.additionalIncludes ?? [];
  const named = info?.environment.pythonRequirementsTxt;
  return resolveInFlow(files, flow.folder, includes, named ?? DEFAULT_REQUIREMENTS_FILE);
}
