// Token caching over any TokenCredential-like source, the emulator's credential, and JWT claims.
import { request } from 'node:https';
import { msg, t as tr, type Locale } from '../i18n';
import type { CredentialLike } from '../model';
import { AzureMlError, toAzureMlError } from './errors';

export const ARM_SCOPE = 'https://management.azure.com/.default';
/** The header of the emulator's control key, which its token endpoint requires (core/session/emulatorKey.ts finds the key). */
const EMULATOR_KEY_HEADER = 'x-emulator-key';
export const ML_SCOPE = 'https://ml.azure.com/.default';
/** Refresh when fewer than this many ms remain (the official caller uses 300 s). */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

type Token = { token: string; expiresOnTimestamp: number };

/** Caches one token per scope; refreshes before expiry or after the service rejected it (401). */
export class TokenCache {
  private readonly tokens = new Map<string, Token>();
  private readonly pending = new Map<string, Promise<Token>>();
  /** Language of a sign-in failure (the service's). */
  locale: Locale = 'en';
  constructor(private readonly credential: CredentialLike) {}

  async get(scope: string, abortSignal?: AbortSignal): Promise<string> {
    const cached = this.tokens.get(scope);
    if (cached && cached.expiresOnTimestamp - Date.now() > REFRESH_MARGIN_MS) return cached.token;
    let p = this.pending.get(scope);
    if (!p) {
      p = this.fetch(scope, abortSignal).finally(() => this.pending.delete(scope));
      this.pending.set(scope, p);
    }
    return (await p).token;
  }

  /** Forget a token the service refused, so the next call fetches a fresh one. */
  invalidate(scope?: string): void {
    if (scope) this.tokens.delete(scope);
    else this.tokens.clear();
  }

  private async fetch(scope: string, abortSignal?: AbortSignal): Promise<Token> {
    let t: Token | null;
    try {
      t = await this.credential.getToken(scope, { abortSignal });
    } catch (e) {
      // Sign-in failures (no Azure CLI login, unreachable identity endpoint) get the same taxonomy.
      const err = toAzureMlError(e, msg('azure.op.signIn'), this.locale);
      throw err.kind === 'unknown' ? new AzureMlError({ ...err.info, kind: 'auth' }) : err;
    }
    if (!t?.token) throw Object.assign(new Error(tr(this.locale, 'azure.noToken', { scope })), { statusCode: 401 });
    this.tokens.set(scope, t);
    return t;
  }
}

/** Claims of a JWT, decoded without checking the signature (used for the user alias and object id). */
export function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) return {};
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The user alias from an ARM access token: upn / email before `@`, else oid, else `unknown_user`. */
export function userAliasFromToken(token: string | undefined): string {
  if (!token) return 'unknown_user';
  const c = jwtClaims(token);
  const name = (typeof c.upn === 'string' && c.upn) || (typeof c.email === 'string' && c.email);
  if (name) return name.split('@')[0];
  return typeof c.oid === 'string' && c.oid ? c.oid : 'unknown_user';
}

/**
 * The credential for the local emulator: it stands in for Microsoft Entra ID at
 * `POST {endpoint}/_identity/token`. Not an Azure ML endpoint; only ever used with the emulator.
 * `key` is the emulator's control key (its ready line, or `control.key` beside its CA file, see
 * core/session/emulatorKey.ts), which the token endpoint requires as a client credential.
 */
export function emulatorCredential(endpoint: string, caPem: string, user?: string, key?: string): CredentialLike {
  return {
    getToken(scopes, options) {
      const scope = Array.isArray(scopes) ? scopes[0] : scopes;
      const url = new URL('/_identity/token', endpoint);
      const body = JSON.stringify(user ? { scope, user } : { scope });
      return new Promise((resolve, reject) => {
        const req = request(
          url,
          {
            method: 'POST',
            ca: caPem,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              ...(key ? { [EMULATOR_KEY_HEADER]: key } : {}),
            },
            signal: options?.abortSignal,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const raw = Buffer.concat(chunks).toString('utf8');
              if ((res.statusCode ?? 0) >= 300) {
                reject(
                  Object.assign(new Error(`The emulator's token endpoint answered ${res.statusCode}`), { statusCode: res.statusCode }),
                );
                return;
              }
              try {
                const j = JSON.parse(raw) as { access_token: string; expires_on: number | string };
                const exp = Number(j.expires_on);
                // expires_on is epoch seconds in Entra responses; accept ms defensively.
                resolve({ token: j.access_token, expiresOnTimestamp: exp < 1e12 ? exp * 1000 : exp });
              } catch {
                reject(new Error("The emulator's token endpoint sent no token"));
              }
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
  };
}
