// Secrets must never reach the output channel: bearer tokens, the `aml-user-token` header and
// credentials embedded in package-feed URLs (`-i https://user:pass@feed/...`, S9) are masked here.

const patterns: [RegExp, string][] = [
  [/(bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, '$1***'],
  [/("?aml-user-token"?\s*[:=]\s*"?)[^\s",}]+/gi, '$1***'],
  [/("?(?:access_?token|refresh_?token|id_?token|client_secret|password)"?\s*[:=]\s*"?)[^\s",}&]+/gi, '$1***'],
  // scheme://user:pass@host or scheme://token@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi, '$1***@'],
  // A JWT anywhere (three base64url parts starting with eyJ).
  [/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '***'],
];

export function redact(text: string): string {
  let out = text;
  for (const [re, replacement] of patterns) out = out.replace(re, replacement);
  return out;
}
