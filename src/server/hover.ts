// Hover docs for keys of flow, flex and run files: the schema's description when it has one (English),
// otherwise our own table; Japanese always from our table.
import type { Hover, Position } from 'vscode-languageserver/node';
import type { DocumentKind } from '../core/validation';
import type { DocModel } from './docModel';
import { dagFlowTree, flexFlowTree, nodeAt, runTree, type KeyNode } from './keyTree';
import type { Locale } from '../core/i18n';
import { pick } from './keyTree';
import { schemaDescription } from './schemaDocs';
import { pathAt } from './yamlLines';
import { workspaceHover } from './workspaceItems';
import type { WorkspaceFacts } from '../core/flow/workspaceFacts';

export function treeFor(kind: DocumentKind): KeyNode | undefined {
  if (kind === 'dagFlow') return dagFlowTree;
  if (kind === 'flexFlow') return flexFlowTree;
  if (kind === 'run') return runTree;
  return undefined;
}

export function hoverAt(model: DocModel, pos: Position, locale: Locale, facts?: WorkspaceFacts): Hover | null {
  const fromWorkspace = workspaceHover(model, pos, facts, locale);
  if (fromWorkspace) return fromWorkspace;
  const tree = treeFor(model.kind);
  if (!tree) return null;
  const at = pathAt(model.lines, pos.line, pos.character);
  if (!at.key) return null;
  const path = [...at.path, at.key];
  const node = nodeAt(tree, path);
  if (!node) return null;
  const fromSchema = locale === 'en' ? schemaDescription(model.kind, path) : undefined;
  const doc = fromSchema ?? pick(locale, node.doc);
  const values = node.values?.length ? `\n\n${node.values.map((v) => `\`${v}\``).join(' · ')}` : '';
  const line = model.lines[pos.line];
  const start = line.indexOf(at.key);
  return {
    contents: { kind: 'markdown', value: `**${at.key}** — ${doc}${values}` },
    range:
      start >= 0 ? { start: { line: pos.line, character: start }, end: { line: pos.line, character: start + at.key.length } } : undefined,
  };
}
