// English key descriptions from our JSON schemas (src/schemas, copied to dist/schemas), so hover says
// what the schema says. Loaded lazily, once; a missing or broken schema just means no description.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentKind } from '../core/validation';

type Schema = { [k: string]: unknown };

let loaded: Map<DocumentKind, Schema> | undefined;

function schemaFolder(): string | undefined {
  // Bundled: dist/server.js next to dist/schemas. From sources: src/server next to src/schemas.
  return [join(__dirname, 'schemas'), join(__dirname, '..', 'schemas')].find((d) => existsSync(d));
}

function kindOfSchemaFile(name: string): DocumentKind | undefined {
  const n = name.toLowerCase();
  if (!n.endsWith('.json')) return undefined;
  if (n.includes('flex')) return 'flexFlow';
  if (n.includes('run')) return 'run';
  if (n.includes('flow') || n.includes('dag')) return 'dagFlow';
  return undefined;
}

function schemas(): Map<DocumentKind, Schema> {
  if (loaded) return loaded;
  loaded = new Map();
  const dir = schemaFolder();
  if (!dir) return loaded;
  for (const name of readdirSync(dir)) {
    const kind = kindOfSchemaFile(name);
    if (!kind || loaded.has(kind)) continue;
    try {
      loaded.set(kind, JSON.parse(readFileSync(join(dir, name), 'utf8')) as Schema);
    } catch {
      // an unreadable schema only costs hover text
    }
  }
  return loaded;
}

const obj = (v: unknown): Schema | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Schema) : undefined);

function deref(root: Schema, s: Schema | undefined, depth = 0): Schema | undefined {
  const ref = s?.['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/') || depth > 16) return s;
  let cur: unknown = root;
  for (const part of ref.slice(2).split('/')) cur = obj(cur)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return deref(root, obj(cur), depth + 1);
}

/** Candidate sub-schemas for one step, looking through allOf/anyOf/oneOf. */
function step(root: Schema, s: Schema, name: string): Schema | undefined {
  const options = [
    s,
    ...['allOf', 'anyOf', 'oneOf'].flatMap((k) => (Array.isArray(s[k]) ? (s[k] as unknown[]) : []).map((x) => deref(root, obj(x)))),
  ];
  for (const o of options) {
    if (!o) continue;
    if (name === '[]') {
      const items = deref(root, obj(o['items']));
      if (items) return items;
      continue;
    }
    const prop = deref(root, obj(obj(o['properties'])?.[name]));
    if (prop) return prop;
    const additional = deref(root, obj(o['additionalProperties']));
    if (additional) return additional;
    const pattern = obj(o['patternProperties']);
    if (pattern) {
      const first = Object.values(pattern)[0];
      if (first) return deref(root, obj(first));
    }
  }
  return undefined;
}

export function schemaDescription(kind: DocumentKind, path: readonly string[]): string | undefined {
  const root = schemas().get(kind);
  if (!root) return undefined;
  let cur: Schema | undefined = root;
  for (const name of path) {
    cur = cur && step(root, cur, name);
    if (!cur) return undefined;
  }
  const d = cur?.['description'] ?? cur?.['markdownDescription'];
  return typeof d === 'string' && d.trim() ? d : undefined;
}
