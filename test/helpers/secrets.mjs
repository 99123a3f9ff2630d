// Looking for secrets in what the product wrote: shared by the CLI sweep (test/unit/secrets) and the host
// sweep (test/host/runTest.mjs, over every host scenario).
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The feed password planted in test requirements files (a URL credential pip would send). */
export const FEED_PASSWORD = 'S3cretFeedPass';

/**
 * Secrets found in `text`; each hit names what leaked, never the secret itself. `exact` maps known secret
 * values to their names; JWT-shaped strings and `aml-user-token` values are caught whatever they are.
 */
export function findSecrets(text, exact) {
  const hits = [];
  for (const [secret, name] of exact) if (secret && text.includes(secret)) hits.push(name);
  // JWT-shaped: base64url header and payload starting with `{"` (eyJ), then a signature.
  for (const m of text.matchAll(/eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/g)) hits.push(`a JWT-shaped token (${m[0].length} chars)`);
  for (const m of text.matchAll(/aml-user-token["']?\s*[:=]\s*["']?([^\s"',}]{8,})/gi))
    if (!/^\*+$|redacted/i.test(m[1])) hits.push('an aml-user-token value');
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
