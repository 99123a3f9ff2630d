// The control key: what a caller of the test control (`/_emulator/…`) and of the token endpoint
// (`/_identity/token`, the stand-in for Entra ID) must present in the `x-emulator-key` header, so
// that another process on the machine can neither read the sessions' feed credentials nor mint a
// token for any user. Made once per data folder, kept in `tls/control.key` (mode 0600, beside the
// CA file, where the product's emulator credential looks for it) and named in the ready line.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CONTROL_KEY_HEADER = 'x-emulator-key';

export function ensureControlKey(dataDir: string): string {
  const dir = join(dataDir, 'tls');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'control.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  // A file copied in with looser rights is narrowed again: only its owner may read the key.
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

/** True when two secrets are equal, compared in constant time. */
export function sameSecret(given: string, key: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when the header carries the key. */
export function hasControlKey(header: string | string[] | undefined, key: string): boolean {
  return typeof header === 'string' && sameSecret(header.trim(), key);
}
