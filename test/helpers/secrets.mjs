// Looking for secrets in what the product wrote: shared by the CLI sweep (test/integration/secrets) and the host
// sweep (test/integration/host/runTest.mjs, over every host scenario). The secret shapes are the product's
// own (src/core/redact.ts), so what the product masks and what the sweep looks for cannot drift apart.
// Loaded through tsx (`node --import tsx`), which resolves the TypeScript import.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unmaskedSecrets } from '../../src/core/redact.ts';

/** The feed password planted in test requirements files (a URL credential pip would send). */
export const FEED_PASSWORD = 'S3cretFeedPass';

/**
 * Secrets found in `text`; each hit names what leaked, never the secret itself. `exact` maps known secret
 * values to their names; the product's `certain` secret shapes (JWT-shaped strings, `aml-user-token` values)
 * are caught whatever they are.
 */
export function findSecrets(text, exact) {
  const hits = [];
  for (const [secret, name] of exact) if (secret && text.includes(secret)) hits.push(name);
  hits.push(...unmaskedSecrets(text));
  return hits;
}

/** Known secrets of a token (the token, and its signature alone: a cut token still leaks it). */
export function addToken(exact, token, name) {
  if (!token) return;
  exact.set(token, name);
  const signature = token.split('.')[2];
  if (signature) exact.set(signature, `the signature of ${name}`);
}

/** The feed password, plain and URL-encoded. */
export function addFeedPassword(exact) {
  exact.set(FEED_PASSWORD, 'the feed password');
  if (encodeURIComponent(FEED_PASSWORD) !== FEED_PASSWORD) exact.set(encodeURIComponent(FEED_PASSWORD), 'the feed password (URL-encoded)');
}

/** Every regular file below `dir` (symbolic links are not followed). */
export function filesUnder(dir) {
  const out = [];
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    let st;
    try {
      st = lstatSync(p, { throwIfNoEntry: false });
    } catch {
      continue;
    }
    if (!st) continue;
    if (st.isDirectory()) out.push(...filesUnder(p));
    else if (st.isFile()) out.push(p);
  }
  return out;
}
