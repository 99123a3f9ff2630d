// What every rule gets: where the document lives and how to see the disk.
import type { FileHost } from './types';
import type { WorkspaceFacts } from '../flow/workspaceFacts';
import type { RawDiagnostic } from './diag';
import { Codes } from './codes';
import { raw } from './diag';
import { msg } from '../i18n';
import { errText } from './yamlTools';

export interface RuleContext {
  path: string;
  text: string;
  files: FileHost;
  workspaceRoot?: string;
  /** The chosen workspace's connections, deployments and tools; rules that need them say nothing without. */
  facts?: WorkspaceFacts;
}

export interface NamedRule<T> {
  name: string;
  run(input: T, ctx: RuleContext): RawDiagnostic[];
}

/** Runs each rule on its own: a rule that throws becomes one diagnostic, the others still run. */
export function applyRules<T>(rules: NamedRule<T>[], input: T, ctx: RuleContext): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  for (const rule of rules) {
    try {
      out.push(...rule.run(input, ctx));
    } catch (err) {
      out.push(raw(0, 0, 'warning', Codes.ruleFailed, msg('validation.ruleFailed', { rule: rule.name, error: errText(err) })));
    }
  }
  return out;
}
