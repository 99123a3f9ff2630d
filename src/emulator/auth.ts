// Bearer tokens: JWT-shaped (header.payload.signature, HMAC-SHA256 with a secret kept in the data
// folder) so clients can decode `oid`/`tid`/`upn` the way they do with Entra ID tokens. Expiry uses the
// real clock (not the emulated one) so advancing the emulated clock never logs a test out by surprise.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpError } from './http';
import { sameSecret } from './controlKey';

export const ARM_AUDIENCE = 'https://management.azure.com/';
export const ML_AUDIENCE = 'https://ml.azure.com/';

export interface TokenUser {
  oid: string;
  tid: string;
  upn: string;
}

export interface Claims extends TokenUser {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  /** Unique token id; here `<issued epoch ms>-<random>` so expiry faults can cut at a precise moment. */
  uti: string;
  name?: string;
}

const b64url = (buf: Buffer | string): string => Buffer.from(buf).toString('base64url');

export class TokenAuthority {
  private readonly secret: Buffer;
  /** Tokens issued at or before this (epoch ms) count as expired: the "expire tokens" fault. */
  expireIssuedUpTo = 0;

  constructor(dataDir: string) {
    const dir = join(dataDir, 'tls');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'token-signing.key');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    this.secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  }

  issue(user: TokenUser, aud: string, lifetimeSeconds: number, displayName?: string): { token: string; expiresOn: number } {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + lifetimeSeconds;
    const claims: Claims = {
      ...user,
      aud,
      iss: `https://sts.windows.net/${user.tid}/`,
      iat,
      nbf: iat,
      exp,
      uti: `${Date.now()}-${randomUUID().slice(0, 8)}`,
      ...(displayName ? { name: displayName } : {}),
    };
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const body = b64url(JSON.stringify(claims));
    return { token: `${head}.${body}.${this.sign(`${head}.${body}`)}`, expiresOn: exp };
  }

  /** Checks signature, audience and expiry; throws the 401 Azure would send. */
  verify(header: string | undefined, audience: string, tenantId: string): Claims {
    const challenge = (error: string, desc: string) => ({
      'www-authenticate': `Bearer authorization_uri="https://login.microsoftonline.com/${tenantId}", error="${error}", error_description="${desc}"`,
    });
    if (!header) {
      throw new HttpError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", {
        headers: challenge('invalid_token', 'The authentication header is missing'),
      });
    }
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    const parts = m ? m[1].split('.') : [];
    let claims: Claims | undefined;
    if (parts.length === 3 && sameSecret(parts[2], this.sign(`${parts[0]}.${parts[1]}`))) {
      try {
        claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Claims;
      } catch {
        claims = undefined;
      }
    }
    if (!claims) {
      throw new HttpError(401, 'InvalidAuthenticationToken', 'The access token is invalid.', {
        headers: challenge('invalid_token', 'The access token is invalid'),
      });
    }
    const now = Math.floor(Date.now() / 1000);
    if (claims.exp <= now || (parseInt(String(claims.uti), 10) || 0) <= this.expireIssuedUpTo) {
      throw new HttpError(401, 'ExpiredAuthenticationToken', 'The access token expiry UTC time is earlier than current UTC time.', {
        headers: challenge('invalid_token', 'The access token has expired'),
      });
    }
    if (claims.aud !== audience) {
      throw new HttpError(
        401,
        'InvalidAuthenticationTokenAudience',
        `The access token has been obtained for wrong audience or resource '${claims.aud}'. It should exactly match with one of the allowed audiences '${audience}'.`,
        {
          headers: challenge('invalid_token', 'The audience is invalid'),
        },
      );
    }
    return claims;
  }

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}
