// ARCHITECTURE.md's layer arrows are the import graph: its ```layers block names every layer of src/
// and which layer may use which, and every runtime import under src/ (static, dynamic, and the lazy
// `require` of a bundle, mapped to its entry through esbuild.mjs) is read with the TypeScript parser and
// checked against it. An arrow the code has and the document does not, or the other way round, fails.
// Type-only imports are erased at build time and are not arrows.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import { runtimeImports, type Use } from '../helpers/imports';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');
const slash = (p: string) => p.split(sep).join('/');

interface Layers {
  leaves: string[];
  /** Every layer, leaves included, longest name first (so `core/flow` wins over `core`). */
  names: string[];
  arrows: Set<string>;
}

/** The ```layers block of ARCHITECTURE.md: `leaves: a b`, and `from -> to to…` (nothing after the arrow: uses no layer). */
export function parseLayers(markdown: string): Layers {
  const block = /^```layers\n([\s\S]*?)^```/m.exec(markdown);
  assert.ok(block, 'ARCHITECTURE.md has no ```layers block');
  const leaves: string[] = [];
  const names = new Set<string>();
  const arrows = new Set<string>();
  for (const raw of block[1].split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const leaf = /^leaves:(.*)$/.exec(line);
    if (leaf) {
      for (const n of leaf[1].trim().split(/\s+/)) {
        leaves.push(n);
        names.add(n);
      }
      continue;
    }
    const arrow = /^(\S+)\s*->(.*)$/.exec(line);
    assert.ok(arrow, `ARCHITECTURE.md layers: cannot read "${line}"`);
    names.add(arrow[1]);
    for (const to of arrow[2].trim().split(/\s+/).filter(Boolean)) {
      names.add(to);
      arrows.add(`${arrow[1]} -> ${to}`);
    }
  }
  return { leaves, names: [...names].sort((a, b) => b.length - a.length), arrows };
}

/** The bundles a lazy `require(path.join(__dirname, 'x.js'))` loads, by file name, from esbuild.mjs's entries. */
function bundleEntries(): Map<string, string> {
  const text = readFileSync(join(ROOT, 'esbuild.mjs'), 'utf8');
  return new Map([...text.matchAll(/\{\s*in:\s*'([^']+)',\s*out:\s*'([^']+)'/g)].map((m) => [`${m[2]}.js`, join(ROOT, m[1])]));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|json)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('ARCHITECTURE.md and the import graph', () => {
  const layers = parseLayers(readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8'));
  const layerOf = (file: string) => {
    const rel = slash(relative(SRC, file));
    return layers.names.find((n) => rel === n || rel.startsWith(`${n}/`));
  };
  const files = sources(SRC);
  const bundles = bundleEntries();
  const uses = files.filter((f) => f.endsWith('.ts')).flatMap((f) => runtimeImports(f, readFileSync(f, 'utf8'), bundles));
  const where = (u: Use) => `${slash(relative(ROOT, u.from))}:${u.line}`;

  it('names the layer of every file under src/', () => {
    const homeless = files.filter((f) => !layerOf(f)).map((f) => slash(relative(ROOT, f)));
    assert.deepEqual(homeless, [], 'add their layer to the ```layers block of ARCHITECTURE.md');
  });

  it('draws exactly the arrows the runtime imports make, leaves apart', () => {
    const inCode = new Map<string, Use>();
    const leafProblems: string[] = [];
    for (const u of uses) {
      const from = layerOf(u.from);
      const to = layerOf(u.to);
      if (!from || !to || from === to) continue;
      // Any layer may use a leaf; a leaf uses nothing but other leaves.
      if (layers.leaves.includes(to)) continue;
      if (layers.leaves.includes(from)) {
        leafProblems.push(`${where(u)}: the leaf ${from} uses ${to}`);
        continue;
      }
      const arrow = `${from} -> ${to}`;
      if (!inCode.has(arrow)) inCode.set(arrow, u);
    }
    const undrawn = [...inCode].filter(([a]) => !layers.arrows.has(a)).map(([a, u]) => `${a} (${where(u)})`);
    const unused = [...layers.arrows].filter((a) => !inCode.has(a));
    assert.deepEqual(leafProblems, [], 'a leaf uses nothing but other leaves');
    assert.deepEqual(
      { undrawn, unused },
      { undrawn: [], unused: [] },
      'undrawn: imports the ```layers block of ARCHITECTURE.md lacks (draw them, or remove the import); ' +
        'unused: arrows it draws that no runtime import makes (remove them)',
    );
  });

  it('reads static, dynamic and bundle imports, and leaves type-only ones out', () => {
    const file = join(SRC, 'extension', 'x.ts');
    const found = runtimeImports(
      file,
      [
        "import type { A } from '../core/session/types';",
        "import { type B } from '../core/azure/errors';",
        "import { flowFileIn } from '../core/flow/files';",
        "const m = await import('../core/validation/validator');",
        "const b = require(path.join(__dirname, 'session.js'));",
      ].join('\n'),
      new Map([['session.js', join(SRC, 'core', 'session', 'bundle.ts')]]),
    ).map((u) => slash(relative(SRC, u.to)));
    assert.deepEqual(found, ['core/flow/files.ts', 'core/validation/validator.ts', 'core/session/bundle.ts']);
  });
});
