// Session ids derived exactly as the prompt flow SDK derives them for local flows, so a run submitted
// with the official CLI reuses the session started here (docs/azure-contract.md §8):
//   sha256("{alias}_{lineage}_{sha256(json.dumps(environment, sort_keys=True))}")[:48]
// where lineage = sha256 of "<git top folder name>/<relative path>" or "<uuid.getnode()>/<abs path>"
// (the SDK's get_flow_lineage_id hashes that string before use).
import { createHash } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { basename, dirname, relative, resolve, sep } from 'node:path';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function pyString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    // ensure_ascii: everything outside 0x20–0x7e as \uXXXX (UTF-16 units, as Python writes surrogates).
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Code-point order, as Python sorts str keys. */
function pyKeyCompare(a: string, b: string): number {
  const A = Array.from(a);
  const B = Array.from(b);
  for (let i = 0; i < Math.min(A.length, B.length); i++) {
    const d = A[i].codePointAt(0)! - B[i].codePointAt(0)!;
    if (d) return d;
  }
  return A.length - B.length;
}

/**
 * Python `json.dumps(value, sort_keys=True)` with default separators and ensure_ascii. Limit: a YAML
 * float such as `1.0` reaches JavaScript as the number 1 and is written `1`, where Python writes `1.0`.
 */
export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return String(value);
  }
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
  if (value instanceof Date) return pyString(value.toISOString());
  if (typeof value === 'object') {
    const keys = Object.keys(value as object).sort(pyKeyCompare);
    return `{${keys.map((k) => `${pyString(k)}: ${pyJsonDumps((value as Record<string, unknown>)[k])}`).join(', ')}}`;
  }
  return pyString(String(value));
}

/**
 * Python's uuid.getnode(): the MAC address as a 48-bit decimal integer. Limits: Python picks the
 * first MAC its platform probe finds (ifconfig/ip output order on Linux, GetAdaptersAddresses on
 * Windows), which may not be the first interface Node lists; we take the first non-internal, non-zero,
 * universally administered MAC in Node's order, else any non-zero one. When there is none, Python
 * uses a random number per process, which no other process can reproduce; we return undefined.
 */
export function deviceId(): string | undefined {
  const macs: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const ni of list ?? []) if (!ni.internal && ni.mac && ni.mac !== '00:00:00:00:00:00') macs.push(ni.mac);
  }
  const universal = macs.find((m) => (parseInt(m.slice(0, 2), 16) & 0x02) === 0);
  const mac = universal ?? macs[0];
  return mac ? BigInt(`0x${mac.replace(/:/g, '')}`).toString(10) : undefined;
}

function gitTop(folder: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

const posix = (p: string) => p.split(sep).join('/');

/** The SDK's flow lineage id (already hashed), for a flow folder or a file inside it. */
export function flowLineageId(flowPath: string, device: string | undefined = deviceId()): string {
  let folder = resolve(flowPath);
  try {
    folder = realpathSync(folder);
    if (!statSync(folder).isDirectory()) folder = dirname(folder);
  } catch {
    // a path that does not exist is hashed as given
  }
  const top = gitTop(folder);
  const raw = top ? `${basename(top)}/${posix(relative(top, folder)) || '.'}` : `${device ?? '0'}/${posix(folder)}`;
  return sha256(raw);
}

/** The session id for a user, flow lineage and environment. */
export function deriveSessionId(alias: string, lineageId: string, environment: unknown): string {
  const envHash = sha256(pyJsonDumps(environment ?? {}));
  return sha256(`${alias}_${lineageId}_${envHash}`).slice(0, 48);
}
