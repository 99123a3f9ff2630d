// Which workspace a CLI verb works against: the flags, else the AZUREML_* variables, else Azure ML's
// config.json convention (the first `config.json` or `.azureml/config.json` in the given folder or a
// parent; without a folder, the current one). Flags and variables may be mixed, field by field.
import { existsSync } from 'node:fs';
import { findWorkspaceConfig } from '../core/flow/workspaceConfig';
import { t, type Locale } from '../core/i18n';
import type { WorkspaceRef } from '../core/model';

export interface WorkspaceChoice {
  workspace: WorkspaceRef;
  /** Where it came from, for messages: `flags`, `environment` or the config file's path. */
  source: string;
}

const FIELDS = [
  ['subscriptionId', 'subscription', 'AZUREML_SUBSCRIPTION_ID'],
  ['resourceGroup', 'resource-group', 'AZUREML_RESOURCE_GROUP'],
  ['workspace', 'workspace', 'AZUREML_WORKSPACE'],
] as const;

/** The variables that name the workspace, by the field they fill. */
export const WORKSPACE_VARIABLES = FIELDS.map(([field, , variable]) => [field, variable] as const);

/**
 * The workspace, or a message saying what is missing. `flag(name)` reads a `--name` flag; `near` are
 * the paths the verb was given (the config file is looked for from the first one that exists).
 */
export function chooseWorkspace(
  flag: (name: string) => string | undefined,
  env: NodeJS.ProcessEnv,
  near: string[],
  cwd: string = process.cwd(),
  locale: Locale = 'en',
): WorkspaceChoice | { error: string } {
  const given = FIELDS.map(([, f, v]) => flag(f) ?? env[v] ?? '');
  if (given.some(Boolean)) {
    const missing = FIELDS.filter((_, i) => !given[i]).map(([, f, v]) => `--${f} / ${v}`);
    if (missing.length) return { error: t(locale, 'cli.workspace.missing', { missing: missing.join(', ') }) };
    const fromFlags = FIELDS.every(([, f]) => flag(f));
    return {
      workspace: { subscriptionId: given[0], resourceGroup: given[1], workspace: given[2] },
      source: fromFlags ? 'flags' : 'environment',
    };
  }
  const start = near.find((p) => existsSync(p)) ?? cwd;
  const config = findWorkspaceConfig(start);
  if (config && 'workspace' in config) return { workspace: config.workspace, source: config.file };
  if (config) return { error: t(locale, 'cli.workspace.configProblem', { problem: config.problem }) };
  return { error: t(locale, 'cli.workspace.none') };
}
