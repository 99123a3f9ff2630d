// JSON Schema checks with ajv over our schema files, each error pointed at the YAML node of its
// instance path (the key itself for unknown keys).
import type { ErrorObject } from 'ajv';
import { Codes } from './codes';
import { orList, raw, type RawDiagnostic } from './diag';
import { msg, type Arg, type Message } from '../i18n';
import { isMap } from 'yaml';
import { validatorFor } from './schemaValidators';
import type { SchemaKind } from './schemaSet';
import { nodeAtPath, rangeOf } from './yamlTools';
import type { Severity } from './types';

export type { SchemaKind } from './schemaSet';

/** Which unknown keys are errors: everything in flex flows; `resources` / `identity` in runs. */
function unknownKeySeverity(kind: SchemaKind, path: string[]): Severity {
  if (kind === 'flexFlow') return 'error';
  if (kind === 'run') return path[0] === 'resources' || path[0] === 'identity' ? 'error' : 'warning';
  return 'warning';
}

function describe(value: unknown): Arg {
  if (value === null) return msg('validation.value.null');
  if (Array.isArray(value)) return msg('validation.value.list');
  if (typeof value === 'object') return msg('validation.value.mapping');
  return JSON.stringify(value);
}

const TYPE_NAMES: Record<string, Message> = {
  object: msg('validation.value.mapping'),
  array: msg('validation.value.list'),
  string: msg('validation.type.string'),
  boolean: msg('validation.type.boolean'),
  number: msg('validation.type.number'),
  integer: msg('validation.type.integer'),
  null: msg('validation.type.empty'),
};

function typeName(t: unknown): Arg {
  const list = Array.isArray(t) ? t : [t];
  return orList(list.map((x) => (Object.hasOwn(TYPE_NAMES, String(x)) ? TYPE_NAMES[String(x)] : String(x))));
}

/** Finds the YAML node (and its key) of a path; `base` moves its ranges to document offsets. */
export type Locate = (path: string[]) => { node: unknown; key?: unknown; base: number };

/** Locate inside one YAML tree. */
export function locateIn(root: unknown, base = 0): Locate {
  return (path) => ({ ...nodeAtPath(root, path), base });
}

/**
 * Validates `value` (the JS form of `root`) and maps each error to a range in `root`'s text.
 * `pathPrefix` names where `root` sits in the file, for messages and severities.
 */
export function checkSchema(kind: SchemaKind, value: unknown, locate: Locate, pathPrefix: string[] = []): RawDiagnostic[] {
  const validate = validatorFor(kind);
  if (validate(value)) return [];
  const errors = (validate.errors ?? []).filter((e) => !['if', 'oneOf', 'anyOf', '$ref'].includes(e.keyword));
  // A oneOf failure also reports every branch; keep the errors of the deepest paths only once.
  const seen = new Set<string>();
  const out: RawDiagnostic[] = [];
  for (const e of errors) {
    const d = mapError(kind, e, locate, pathPrefix);
    const id = `${d.start}:${d.end}:${JSON.stringify(d.message)}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(d);
    }
  }
  return dropOneOfNoise(out);
}

function dropOneOfNoise(list: RawDiagnostic[]): RawDiagnostic[] {
  // For `source` (string or mapping) ajv reports "expected a string" next to the real problem.
  const byRange = new Map<string, number>();
  for (const d of list) byRange.set(`${d.start}:${d.end}`, (byRange.get(`${d.start}:${d.end}`) ?? 0) + 1);
  return list.filter((d) => !(d.message.id === 'validation.schema.type' && (byRange.get(`${d.start}:${d.end}`) ?? 0) > 1));
}

function mapError(kind: SchemaKind, e: ErrorObject, locate: Locate, prefix: string[]): RawDiagnostic {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~'));
  const where: Arg = [...prefix, ...path].join('.') || msg('validation.where.topLevel');
  const { node, key, base } = locate(path);
  // A value without a place of its own (`{a}` has no value node) is pointed at by its key, else by the
  // enclosing node; never at an offset that only means something in one piece of the file.
  const [vs, ve] = hasRange(node)
    ? rangeOf(node).map((o) => o + base)
    : hasRange(key)
      ? rangeOf(key).map((o) => o + base)
      : rootSpan(locate);
  const [ks, ke] = hasRange(key) ? rangeOf(key).map((o) => o + base) : [vs, vs];
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      const hit = locate([...path, name]);
      const [s, en] = hit.key ? rangeOf(hit.key).map((o) => o + hit.base) : [ks, ke];
      const sev = unknownKeySeverity(kind, [...prefix, ...path]);
      const text = msg(sev === 'error' ? 'validation.schema.notAllowed' : 'validation.schema.ignored', { key: name, where });
      return raw(s, en, sev, Codes.unknownKey, text);
    }
    case 'required': {
      const name = String((e.params as { missingProperty: string }).missingProperty);
      // Point at the key naming the mapping, or at its first key: never at a whole block.
      const first = isMap(node) && node.items[0] ? rangeOf(node.items[0].key).map((o) => o + base) : [vs, vs];
      const [s, en] = key ? [ks, ke] : first;
      return raw(s, en, 'error', Codes.schema, msg('validation.schema.required', { key: name, where }));
    }
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String).join(', ');
      return raw(vs, ve, 'error', Codes.schema, msg('validation.schema.enum', { value: describe(valueFrom(node)), where, allowed }));
    }
    case 'type':
      return raw(
        vs,
        ve,
        'error',
        Codes.schema,
        msg('validation.schema.type', { type: typeName((e.params as { type: unknown }).type), where }),
      );
    default:
      return raw(vs, ve, 'error', Codes.schema, msg('validation.schema.other', { where, problem: e.message ?? 'is invalid' }));
  }
}

function hasRange(node: unknown): boolean {
  return !!(node as { range?: unknown } | null | undefined)?.range;
}

function rootSpan(locate: Locate): [number, number] {
  const root = locate([]);
  return hasRange(root.node) ? (rangeOf(root.node).map((o) => o + root.base) as [number, number]) : [root.base, root.base];
}

function valueFrom(node: unknown): unknown {
  return node && typeof node === 'object' && 'value' in node ? (node as { value: unknown }).value : node;
}
