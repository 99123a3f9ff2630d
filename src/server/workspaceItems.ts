// Completion and hover from the chosen workspace's data: connection names (with their type), the
// deployments of a node's Azure OpenAI connection, package tool ids and a tool's inputs and values.
// Without workspace data nothing is offered here. The node around the cursor is read by parsing only
// its own lines, so a request costs the size of one node, whatever the file.
import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type Position } from 'vscode-languageserver/node';
import { flowYamlValue, parseFlowYaml } from '../core/flow/yaml';
import {
  connectionsOfType,
  connectionTypeOf,
  findTool,
  isConnectionType,
  isRecord,
  type ConnectionFact,
  type PackageToolFact,
  type ToolInputFact,
  type WorkspaceFacts,
} from '../core/flow/workspaceFacts';
import { llmConnectionTypes } from '../core/validation/workspaceRules';
import type { DocModel } from './docModel';
import { t, type Locale } from '../core/i18n';
import { pathAt, shapeOf, unquote } from './yamlLines';

/** What the node around a line says, as far as its own lines parse. */
interface NodeAround {
  type?: string;
  provider?: string;
  connection?: string;
  tool?: string;
  inputs: Record<string, unknown>;
}

const MAX_NODE_LINES = 2000;

const indentOf = (line: string) => line.length - line.trimStart().length;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * The node (an item of `nodes`) or variant body (`node:` under node_variants) holding `line`: found by
 * walking up to the first less-indented line that opens one, then taking the lines indented below it.
 */
function nodeAround(lines: readonly string[], line: number): NodeAround | undefined {
  let limit = Infinity;
  let start = -1;
  let col = 0;
  for (let i = line; i >= 0 && line - i < MAX_NODE_LINES; i--) {
    const s = shapeOf(lines[i]);
    if (!s) continue;
    const at = s.dashes[0] ?? s.keyCol;
    if (i !== line && at >= limit) continue;
    limit = Math.min(limit, at);
    // Just after the dash: the item's own path (`nodes`, `[]`); on a key: the path above it.
    if (s.dashes.length === 1) {
      const p = pathAt(lines, i, s.dashes[0] + 1).path;
      if (p.length === 2 && p[0] === 'nodes' && p[1] === '[]') {
        [start, col] = [i, s.dashes[0]];
        break;
      }
    } else if (s.key === 'node' && s.dashes.length === 0 && s.value === '') {
      const p = pathAt(lines, i, s.keyCol).path;
      if (p.length === 4 && p[0] === 'node_variants' && p[2] === 'variants') {
        [start, col] = [i, s.keyCol];
        break;
      }
    }
    if (at === 0) return undefined;
  }
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && end - start < MAX_NODE_LINES && (lines[end].trim() === '' || indentOf(lines[end]) > col)) end++;
  const head = lines[start];
  // `- name: x` becomes `  name: x`; `node:` is dropped and its body read as the mapping.
  const body =
    shapeOf(head)?.key === 'node' && !head.trimStart().startsWith('-')
      ? lines.slice(start + 1, end)
      : [head.slice(0, col) + ' ' + head.slice(col + 1), ...lines.slice(start + 1, end)];
  let value: unknown;
  try {
    const doc = parseFlowYaml(body.join('\n'));
    if (doc.errors.length) return undefined;
    value = flowYamlValue(doc, 0);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const source = value.source;
  return {
    type: str(value.type),
    provider: str(value.provider),
    connection: str(value.connection),
    tool: isRecord(source) ? str(source.tool) : undefined,
    inputs: isRecord(value.inputs) ? value.inputs : {},
  };
}

function connectionItem(c: ConnectionFact): CompletionItem {
  return {
    label: c.name,
    kind: CompletionItemKind.Value,
    detail: `${connectionTypeOf(c)} · ${c.authType}`,
    documentation: c.target,
  };
}

/** Connections that fit: the llm tool's types for an llm node, an input's connection types for a tool input. */
const connectionsFor = (facts: WorkspaceFacts, types: readonly string[]) => connectionsOfType(facts.connections ?? [], types);

const toolOf = (facts: WorkspaceFacts, node: NodeAround | undefined) =>
  node?.tool && facts.tools ? findTool(facts.tools, node.tool) : undefined;

/** The connection a node's deployment belongs to: its `connection`, else a connection-typed input's value. */
function nodeConnection(facts: WorkspaceFacts, node: NodeAround): ConnectionFact | undefined {
  const names = [node.connection, ...Object.values(node.inputs).map(str)].filter((n): n is string => !!n);
  return names.map((n) => facts.connections?.find((c) => c.name === n)).find((c) => c?.valueType === 'AzureOpenAIConnection');
}

function deploymentItems(c: ConnectionFact | undefined): CompletionItem[] {
  return (c?.deployments ?? []).map((d) => ({ label: d.name, kind: CompletionItemKind.Value, detail: d.modelName }));
}

function inputDetail(i: ToolInputFact, locale: Locale): string {
  return `${i.types.join(' | ')}${i.required ? ` · ${t(locale, 'server.requiredInput')}` : ''}`;
}

export function workspaceCompletions(model: DocModel, pos: Position, facts: WorkspaceFacts | undefined, locale: Locale): CompletionItem[] {
  if (!facts || (model.kind !== 'dagFlow' && model.kind !== 'run')) return [];
  const at = pathAt(model.lines, pos.line, pos.character);
  const last = at.path.at(-1);
  if (model.kind === 'run') {
    if (at.onKey || at.path[0] !== 'connections' || at.path.length !== 3) return [];
    if (last === 'connection') return connectionsFor(facts, []).map(connectionItem);
    if (last === 'deployment_name') {
      const name = connectionNameNear(model.lines, pos.line);
      return deploymentItems(facts.connections?.find((c) => c.name === name));
    }
    return [];
  }
  const node = nodeAround(model.lines, pos.line);
  if (!node) return [];
  const tool = toolOf(facts, node);
  if (at.onKey) {
    if (last !== 'inputs' || !tool) return [];
    return tool.inputs
      .filter((i) => !(i.name in node.inputs) || i.name === at.key)
      .map((i) => ({ label: i.name, kind: CompletionItemKind.Property, insertText: `${i.name}: `, detail: inputDetail(i, locale) }));
  }
  if (last === 'connection' && at.path.at(-2) !== 'inputs')
    return connectionsFor(facts, node.type === 'llm' ? llmConnectionTypes(node.provider) : []).map(connectionItem);
  if (last === 'tool' && at.path.at(-2) === 'source') {
    return (facts.tools ?? []).map((x) => ({
      label: x.id,
      kind: CompletionItemKind.Function,
      detail: x.name,
      documentation: x.description,
      tags: x.deprecated ? [1] : undefined,
    }));
  }
  if (at.path.at(-2) === 'inputs' && last) {
    if (last === 'deployment_name') return deploymentItems(nodeConnection(facts, node));
    const input = tool?.inputs.find((i) => i.name === last);
    if (!input) return [];
    const connectionTypes = input.types.filter(isConnectionType);
    if (connectionTypes.length) return connectionsFor(facts, connectionTypes).map(connectionItem);
    return (input.enum ?? []).map((v) => ({ label: String(v), kind: CompletionItemKind.EnumMember }));
  }
  return [];
}

/** run.yml: the `connection:` value beside a `deployment_name:` line of the same override. */
function connectionNameNear(lines: readonly string[], line: number): string | undefined {
  const col = shapeOf(lines[line] ?? '')?.keyCol ?? 0;
  for (const dir of [-1, 1])
    for (let i = line + dir; i >= 0 && i < lines.length && Math.abs(i - line) < 50; i += dir) {
      const s = shapeOf(lines[i]);
      if (!s) continue;
      if (s.keyCol < col) break;
      if (s.keyCol === col && s.key === 'connection') return unquote(s.value);
    }
  return undefined;
}

function connectionHover(c: ConnectionFact, locale: Locale): string {
  const lines = [`**${c.name}** — ${t(locale, 'server.connectionOf', { type: connectionTypeOf(c), auth: c.authType })}`];
  if (c.target) lines.push('', `\`${c.target}\``);
  if (c.deployments?.length) lines.push('', `${t(locale, 'server.deployments')}: ${c.deployments.map((d) => `\`${d.name}\``).join(' · ')}`);
  return lines.join('\n');
}

function toolHover(x: PackageToolFact, locale: Locale): string {
  const head = `**${x.name}** (\`${x.id}\`)${x.package ? ` — ${x.package}${x.packageVersion ? ` ${x.packageVersion}` : ''}` : ''}`;
  const inputs = x.inputs.map((i) => `- \`${i.name}\`: ${inputDetail(i, locale)}`);
  return [head, ...(x.description ? ['', x.description] : []), ...(inputs.length ? ['', ...inputs] : [])].join('\n');
}

function deploymentHover(c: ConnectionFact | undefined, name: string): string | undefined {
  const d = c?.deployments?.find((x) => x.name === name);
  return d ? `**${d.name}**${d.modelName ? ` — ${d.modelName}` : ''}` : undefined;
}

const markdown = (text: string | undefined): Hover | null => (text ? { contents: { kind: MarkupKind.Markdown, value: text } } : null);

/** run.yml: hover on the connection or deployment of a `connections.<node>` override. */
function runHover(model: DocModel, pos: Position, facts: WorkspaceFacts, key: string, value: string, locale: Locale): Hover | null {
  const at = pathAt(model.lines, pos.line, pos.character);
  if (at.onKey || at.path[0] !== 'connections' || at.path.length !== 3) return null;
  const named = (name: string | undefined) => facts.connections?.find((c) => c.name === name);
  if (key === 'connection') {
    const c = named(value);
    return markdown(c && connectionHover(c, locale));
  }
  return key === 'deployment_name' ? markdown(deploymentHover(named(connectionNameNear(model.lines, pos.line)), value)) : null;
}

/** Hover on a connection, deployment or tool id value, or on a package tool's input key; in run.yml, on an override's connection or deployment. */
export function workspaceHover(model: DocModel, pos: Position, facts: WorkspaceFacts | undefined, locale: Locale): Hover | null {
  if (!facts || (model.kind !== 'dagFlow' && model.kind !== 'run')) return null;
  const line = model.lines[pos.line] ?? '';
  const shape = shapeOf(line);
  if (!shape?.key) return null;
  const value = unquote(shape.value);
  if (model.kind === 'run') return runHover(model, pos, facts, shape.key, value, locale);
  const at = pathAt(model.lines, pos.line, pos.character);
  const node = nodeAround(model.lines, pos.line);
  if (!node) return null;
  if (at.onKey) {
    const input = at.path.at(-1) === 'inputs' ? toolOf(facts, node)?.inputs.find((i) => i.name === shape.key) : undefined;
    if (!input) return null;
    const values = input.enum?.length ? `\n\n${input.enum.map((v) => `\`${String(v)}\``).join(' · ')}` : '';
    return markdown(`**${input.name}** — ${inputDetail(input, locale)}${values}`);
  }
  if (shape.key === 'tool' && at.path.at(-2) === 'source') {
    const x = toolOf(facts, node);
    return x ? markdown(toolHover(x, locale)) : null;
  }
  if (shape.key === 'deployment_name') return markdown(deploymentHover(nodeConnection(facts, node), value));
  const c = facts.connections?.find((x) => x.name === value);
  const isConnection =
    shape.key === 'connection' ||
    !!toolOf(facts, node)
      ?.inputs.find((i) => i.name === shape.key)
      ?.types.some(isConnectionType);
  return c && isConnection ? markdown(connectionHover(c, locale)) : null;
}
