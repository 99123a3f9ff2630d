// The one list of secret shapes: tokens, the `aml-user-token` header, SAS signatures, account keys,
// passwords and credentials inside URLs (`-i https://user:pass@feed/…`). Every log line, error message
// and saved file goes through `redact`, in every bundle, and the secrets sweep of the tests looks for
// the shapes marked `certain` in everything the product wrote. Dependency-free on purpose: the
// extension's small activation bundle uses it too.

export interface SecretShape {
  /** What leaked, for a sweep hit (never the secret itself). */
  name: string;
  /** Group 1 is kept (the label before the secret); the rest of the match is the secret. */
  pattern: RegExp;
  /**
   * Specific enough to look for in any text (a JWT, an `aml-user-token` value): the sweep flags every
   * unmasked match. The others need the product's context (`key=` is also a keyboard shortcut in VS
   * Code's own files) and are only masked.
   */
  certain: boolean;
}

const MASK = '***';
// A quote, or an escaped quote: secrets also travel inside JSON-encoded text (error details, logs).

export const SECRET_SHAPES: readonly SecretShape[] = [
  { name: 'a bearer token', pattern: /(bearer\s+)[A-Za-z0-9\-._~+/]{16,}=*/gi, certain: false },
  {
    name: 'an aml-user-token value',
    pattern: /((?:\\?["'])?aml-user-token(?:\\?["'])?\s*[:=]\s*(?:\\?["'])?)[^\s"'\\,}]+/gi,
    certain: true,
  },
  // Three base64url parts; header and payload are JSON objects (`{"` is `eyJ`).
  { name: 'a JWT-shaped token', pattern: /()eyJ[\w-]{6,}\.eyJ[\w-]{6,}\.[\w-]*/g, certain: true },
  {
    name: 'a credential field',
    pattern:
      /(\b(?:sig|AccountKey|SharedAccessSignature|SharedAccessKey|key|api[_-]?key|password|passwd|pwd|secret|client_secret|access_?token|refresh_?token|id_?token)(?:\\?["'])?\s*[=:]\s*(?:\\?["'])?)[^"'\\&;,\s}]+/gi,
    certain: false,
  },
  // scheme://user:pass@host or scheme://token@host; `{private}` is the placeholder of a private feed
  // that authenticates through an identity (S9), not a secret.
  { name: 'credentials in a URL', pattern: /(\b[a-z][a-z0-9+.-]*:\/\/)(?!\{private\}@)[^\s/@]+(?=@)/gi, certain: false },
];

/** `text` with every secret shape masked as `***`. */
export function redact(text: string): string {
  let out = text;
  for (const s of SECRET_SHAPES) {
    out = out.replace(s.pattern, (_match: string, label: string) => `${label}${MASK}`);
  }
  return out;
}

/** Lines of requirements (or anything line-shaped) with each line redacted. */
export function redactLines(lines: readonly string[]): string[] {
  return lines.map(redact);
}

/** Names of the `certain` shapes found unmasked in `text` (the sweep of the tests); never the secret. */
export function unmaskedSecrets(text: string): string[] {
  const hits: string[] = [];
  for (const s of SECRET_SHAPES) {
    if (!s.certain) continue;
    for (const m of text.matchAll(s.pattern)) {
      const secret = m[0].slice((m[1] ?? '').length);
      if (!/^\*+$|redacted/i.test(secret)) hits.push(`${s.name} (${secret.length} chars)`);
    }
  }
  return hits;
}
