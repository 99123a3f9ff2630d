// The workspace a folder names through Azure ML's convention: the first `config.json` (or
// `.azureml/config.json`) found in the folder or one of its parents, holding `subscription_id`,
// `resource_group` and `workspace_name`. The CLI uses it when no flag or variable names a workspace;
// the extension's workspace picker offers it first.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { WorkspaceRef } from '../model';
import { msg, type Message } from '../i18n';
import { WORKSPACE_CONFIG_FILES } from './files';

export type WorkspaceConfigResult =
  | { file: string; workspace: WorkspaceRef }
  /** The first config file found does not name a workspace; like the SDK, no further file is looked for. */
  | { file: string; problem: Message };

const KEYS = ['subscription_id', 'resource_group', 'workspace_name'] as const;
/** A config file is a few hundred bytes; anything far larger is not one. */
const MAX_BYTES = 64 * 1024;

export function readWorkspaceConfig(file: string, text: string): WorkspaceConfigResult {
  if (text.length > MAX_BYTES) return { file, problem: msg('flow.config.tooLarge', { file }) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { file, problem: msg('flow.config.notJson', { file, reason: (e as Error).message }) };
  }
  const o = (parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {}) as Record<string, unknown>;
  const missing = KEYS.filter((k) => typeof o[k] !== 'string' || !(o[k] as string).trim());
  if (missing.length) return { file, problem: msg('flow.config.missingKeys', { file, keys: missing.join(', ') }) };
  const v = (k: (typeof KEYS)[number]) => (o[k] as string).trim();
  return { file, workspace: { subscriptionId: v('subscription_id'), resourceGroup: v('resource_group'), workspace: v('workspace_name') } };
}

/**
 * The Azure ML config for `start` (a folder, or a file whose folder is used), searching upwards; undefined
 * when there is none up to the root.
 */
export function findWorkspaceConfig(start: string): WorkspaceConfigResult | undefined {
  let dir = resolve(start);
  if (stat(dir)?.isFile()) dir = dirname(dir);
  for (let level = 0; level < 256; level++) {
    for (const name of WORKSPACE_CONFIG_FILES) {
      const file = join(dir, name);
      const s = stat(file);
      if (!s?.isFile()) continue;
      // Read only what a config file can be: a huge file at that name is reported, not loaded.
      if (s.size > MAX_BYTES) return { file, problem: msg('flow.config.tooLarge', { file }) };
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        return { file, problem: msg('flow.config.unreadable', { file, reason: (e as Error).message }) };
      }
      return readWorkspaceConfig(file, text);
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

function stat(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
