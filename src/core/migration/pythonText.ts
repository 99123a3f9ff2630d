// Python source text from plain values: literals, identifiers and string quoting, always the same
// text for the same value (keys keep the flow's order), so generation is byte for byte repeatable.

import { redact } from '../redact';

/** A JSON-like value as a Python literal. */
export function pyLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'None';
  // A value written in the flow may be a secret someone pasted: it goes through redact like every text written.
  if (typeof v === 'string') return pyString(redact(v));
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(', ')}]`;
  if (typeof v === 'object')
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${pyString(k)}: ${pyLiteral(x)}`)
      .join(', ')}}`;
  return 'None';
}

/** A double-quoted Python string (JSON's escapes are Python's). */
export function pyString(s: string): string {
  return JSON.stringify(s);
}

/** A Python identifier made from a name, unique among `taken` (which it joins). */
export function pyIdentifier(name: string, prefix: string, taken: Set<string>): string {
  const base = `${prefix}${name.replace(/\W/g, '_')}`;
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
  taken.add(id);
  return id;
}

/** A one-line docstring-safe text. */
export function pyDocText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"').replace(/\s+/g, ' ').trim();
}
