// `${...}` references as the executor reads them: only a whole value that is exactly `${...}`.

export type Reference =
  { kind: 'input'; name: string; legacy: boolean } | { kind: 'node'; name: string; field: string[] } | { kind: 'bad'; text: string };

const WHOLE = /^\$\{([^{}]*)\}$/;

export function parseReference(value: string): Reference | undefined {
  const m = WHOLE.exec(value.trim());
  if (!m) return undefined;
  const parts = m[1].trim().split('.');
  if (parts.some((p) => p === '')) return { kind: 'bad', text: m[1] };
  if (parts[0] === 'inputs' || parts[0] === 'flow') {
    if (parts.length < 2) return { kind: 'bad', text: m[1] };
    return { kind: 'input', name: parts[1], legacy: parts[0] === 'flow' };
  }
  if (parts.length > 1 && parts[1] !== 'output') return { kind: 'bad', text: m[1] };
  return { kind: 'node', name: parts[0], field: parts.slice(2) };
}
