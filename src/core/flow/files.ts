// The names of the files a flow folder holds and what kind a file is: the one home of these facts.
// The validator, the language server, the session service, the CLI and the extension all ask here.
import { basename, join } from 'node:path';
import type { FileHost } from './types';

/**
 * Flow file names in the order the prompt flow SDK looks for them in a folder (a folder with more than
 * one is an error the validator reports).
 */
export const FLOW_FILE_NAMES = ['flow.dag.yaml', 'flow.dag.yml', 'flow.flex.yaml', 'flow.flex.yml'] as const;
/** Run files found by name (any YAML with a top-level `flow:` is read as a run file too). */
export const RUN_FILE_NAMES = ['run.yml', 'run.yaml'] as const;
/** Run files found by the end of their name (`eval.run.yml`). */
export const RUN_FILE_SUFFIXES = ['.run.yml', '.run.yaml'] as const;
/** The glob of the requirements files the editor checks (the predicate below is stricter on what follows "requirements"). */
const REQUIREMENTS_GLOB = '*requirements*.txt';
/** The requirements file a flow uses when `environment.python_requirements_txt` names none. */
export const DEFAULT_REQUIREMENTS_FILE = 'requirements.txt';

/**
 * Azure ML's workspace config (`subscription_id`, `resource_group`, `workspace_name`), looked for in a folder
 * and then in its `.azureml` subfolder, in the folder and each of its parents, as `MLClient.from_config` does.
 */
export const WORKSPACE_CONFIG_FILES = ['config.json', join('.azureml', 'config.json')] as const;

export type DocumentKind = 'dagFlow' | 'flexFlow' | 'run' | 'requirements' | 'unknown';

const lower = (path: string) => basename(path).toLowerCase();

export function isFlowFileName(path: string): boolean {
  return (FLOW_FILE_NAMES as readonly string[]).includes(lower(path));
}

export function isRunFileName(path: string): boolean {
  const name = lower(path);
  return (RUN_FILE_NAMES as readonly string[]).includes(name) || RUN_FILE_SUFFIXES.some((s) => name.endsWith(s));
}

/** `requirements.txt`, `requirements-dev.txt`, `dev-requirements.txt`: the names the editor shows as pip requirements. */
export function isRequirementsFileName(path: string): boolean {
  return /requirements[\w.-]*\.txt$/.test(lower(path));
}

/** The files a folder walk validates (`pfsession validate <folder>`): the ones the editor checks by name. */
export function isValidatedFileName(path: string): boolean {
  return isFlowFileName(path) || isRunFileName(path) || isRequirementsFileName(path);
}

/**
 * The files validated by name, as base-name globs (VS Code, LSP and JSON-schema `fileMatch` syntax), by
 * kind: the language client's document selector, the server's file watchers, the extension's watchers
 * and package.json's activation events and schema associations are all made from these (a unit test
 * holds package.json to them).
 */
export const FILE_GLOBS = {
  dagFlow: FLOW_FILE_NAMES.filter((n) => n.startsWith('flow.dag.')),
  flexFlow: FLOW_FILE_NAMES.filter((n) => n.startsWith('flow.flex.')),
  run: [...RUN_FILE_NAMES, ...RUN_FILE_SUFFIXES.map((s) => `*${s}`)],
  requirements: [REQUIREMENTS_GLOB],
} as const satisfies Record<Exclude<DocumentKind, 'unknown'>, readonly string[]>;

/** One glob for files with any of these base-name globs, in any folder. */
export function inAnyFolder(globs: readonly string[]): string {
  return globs.length === 1 ? `**/${globs[0]}` : `**/{${globs.join(',')}}`;
}

/** Flow files in any folder. */
export const FLOW_FILES_GLOB = inAnyFolder(FLOW_FILE_NAMES);
/** Every file the editor validates by name, in any folder (what `pfsession validate <folder>` checks). */
export const VALIDATED_FILES_GLOB = inAnyFolder([
  ...FILE_GLOBS.dagFlow,
  ...FILE_GLOBS.flexFlow,
  ...FILE_GLOBS.run,
  ...FILE_GLOBS.requirements,
]);

/** The flow file of a folder, in the SDK's order; undefined when it holds none. */
export function flowFileIn(folder: string, files: FileHost): string | undefined {
  for (const name of FLOW_FILE_NAMES) {
    const p = join(folder, name);
    if (files.exists(p) && !files.isDirectory(p)) return p;
  }
  return undefined;
}

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/m;
const SCHEMA_KEY = /^\$schema:\s*['"]?([^'"\s#]+)/m;
const ENTRY = /^entry\s*:/m;

function kindFromSchemaUrl(url: string, text: string): DocumentKind | undefined {
  const u = url.toLowerCase();
  if (/run(\.schema)?\.json$/.test(u) || u.includes('/run.')) return 'run';
  if (u.includes('flex')) return 'flexFlow';
  if (/flow(\.dag)?(\.schema)?\.json$/.test(u)) return ENTRY.test(text) ? 'flexFlow' : 'dagFlow';
  return undefined;
}

/**
 * Which kind of file this is. A `$schema` key or a yaml-language-server modeline wins, then the file
 * name, then the top-level keys (`entry:` flex flow, `nodes:` DAG flow, `flow:` run).
 */
export function detectKind(path: string, text: string): DocumentKind {
  const name = lower(path);
  if (name.endsWith('.txt') || (/^requirements[\w.-]*$/.test(name) && !/\.ya?ml$/.test(name))) return 'requirements';
  if (!/\.ya?ml$/.test(name)) return 'unknown';
  const schemaUrl = MODELINE.exec(text)?.[1] ?? SCHEMA_KEY.exec(text)?.[1];
  const bySchema = schemaUrl ? kindFromSchemaUrl(schemaUrl, text) : undefined;
  if (bySchema) return bySchema;
  if (/^flow\.flex\.ya?ml$/.test(name)) return 'flexFlow';
  if (/^flow\.dag\.ya?ml$/.test(name)) return ENTRY.test(text) ? 'flexFlow' : 'dagFlow';
  if (ENTRY.test(text)) return 'flexFlow';
  if (/^nodes\s*:/m.test(text)) return 'dagFlow';
  if (/^flow\s*:/m.test(text) || isRunFileName(name)) return 'run';
  return 'unknown';
}
