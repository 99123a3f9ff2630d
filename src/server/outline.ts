// One forward pass over a flow or run file that records what the editor features need: input, output
// and node names, variant ids, environment lines and path values. Line-based (see yamlLines.ts), so it
// stays linear on any input and never depends on the document being valid YAML.
import { shapeOf, unquote, type LineShape } from './yamlLines';

export interface Located {
  name: string;
  line: number;
  col: number;
  /** Unquoted scalar value on the same line, if any. */
  value?: string;
  valueCol?: number;
}

export interface Outline {
  inputs: Located[];
  outputs: Located[];
  /** Node names (`name` values of `nodes[]`), located at the value. */
  nodes: Located[];
  /** node name → variant ids */
  variants: Map<string, string[]>;
  image?: Located;
  requirements?: Located;
  /** Values that name files relative to the document's folder. */
  paths: Located[];
  /** Top-level keys of the document with their scalar values (run files: flow, data, run…). */
  top: Map<string, Located>;
}

interface Frame {
  col: number;
  name: string;
  item: boolean;
}

/** Calls `visit` for each non-empty line with the key path of its parents. */
export function scanLines(lines: readonly string[], visit: (parents: readonly string[], shape: LineShape, line: number) => void): void {
  const stack: Frame[] = [];
  // Kept in step with `stack` so visitors get the path without an allocation per line.
  const names: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const shape = shapeOf(lines[i]);
    if (!shape) continue;
    const firstCol = shape.dashes.length ? shape.dashes[0] : shape.keyCol;
    const firstIsItem = shape.dashes.length > 0;
    while (stack.length) {
      const top = stack[stack.length - 1];
      // A list may sit at the same column as its parent key (`nodes:` then `- name: x`).
      const childOfSameCol = firstIsItem && !top.item && top.col === firstCol;
      if (top.col < firstCol || childOfSameCol) break;
      stack.pop();
      names.pop();
    }
    for (const d of shape.dashes) {
      stack.push({ col: d, name: '[]', item: true });
      names.push('[]');
    }
    visit(names, shape, i);
    if (shape.key !== undefined) {
      stack.push({ col: shape.keyCol, name: shape.key, item: false });
      names.push(shape.key);
    }
  }
}

function locate(s: LineShape, line: number): Located {
  const value = s.value ? unquote(s.value) : undefined;
  return { name: s.key ?? value ?? '', line, col: s.keyCol, value, valueCol: s.valueCol };
}

export function outlineOf(text: string): Outline {
  const out: Outline = { inputs: [], outputs: [], nodes: [], variants: new Map(), paths: [], top: new Map() };
  const lines = text.split(/\r?\n/);
  // Runs on every line of large files: compare path steps directly, build objects only on a hit, and
  // keep named closures out of the loop (the bundle's keepNames wraps each one at creation).
  scanLines(lines, (parents, s, line) => {
    const depth = parents.length;
    const key = s.key;
    if (key === undefined) {
      if (depth === 2 && parents[0] === 'additional_includes' && parents[1] === '[]' && s.value) out.paths.push(locate(s, line));
      return;
    }
    if (depth === 0) {
      out.top.set(key, locate(s, line));
      return;
    }
    const p0 = parents[0];
    if (depth === 1) {
      if (p0 === 'inputs') out.inputs.push(locate(s, line));
      else if (p0 === 'outputs') out.outputs.push(locate(s, line));
      else if (p0 === 'node_variants' && !out.variants.has(key)) out.variants.set(key, []);
      else if (p0 === 'environment' && key === 'image') out.image = locate(s, line);
      else if (p0 === 'environment' && key === 'python_requirements_txt') {
        out.requirements = locate(s, line);
        if (s.value) out.paths.push(out.requirements);
      }
      return;
    }
    if (depth === 2 && p0 === 'nodes' && key === 'name' && parents[1] === '[]' && s.value) {
      const loc = locate(s, line);
      out.nodes.push({ ...loc, name: loc.value ?? '', col: s.valueCol });
    } else if (key === 'path' && parents[depth - 1] === 'source' && s.value) out.paths.push(locate(s, line));
    else if (depth === 3 && p0 === 'node_variants' && parents[2] === 'variants') {
      const ids = out.variants.get(parents[1]) ?? [];
      ids.push(key);
      out.variants.set(parents[1], ids);
    }
  });
  return out;
}
