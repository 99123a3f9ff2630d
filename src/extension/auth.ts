// Signing in to Azure through VS Code's own accounts: a TokenCredential over `vscode.authentication`.
import * as vscode from 'vscode';
import type { CredentialLike } from '../core/session/types';

export const publicArmEndpoint = 'https://management.azure.com';

/** Public cloud → VS Code's `microsoft` provider; any other ARM endpoint → the sovereign-cloud one. */
function providerFor(armEndpoint: string): string {
  return armEndpoint.replace(/\/+$/, '') === publicArmEndpoint ? 'microsoft' : 'microsoft-sovereign-cloud';
}

export class ProviderMissingError extends Error {}

/**
 * A TokenCredential (ARM, and the ML audience the service needs for `aml-user-token`) over `vscode.authentication`. VS Code caches and refreshes the account's tokens,
 * so each getToken asks it again; the short expiry we report keeps the SDK from holding a stale one.
 */
export class VsCodeCredential implements CredentialLike {
  constructor(private readonly armEndpoint: string) {}

  /** Asks once, interactively when needed; afterwards getToken is silent. */
  async signIn(interactive: boolean): Promise<boolean> {
    const session = await this.session([`${this.armEndpoint.replace(/\/+$/, '')}/.default`], interactive);
    return !!session;
  }

  async getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number } | null> {
    const wanted = (Array.isArray(scopes) ? scopes : [scopes]).map((s) =>
      s.endsWith('/.default') ? s : `${s.replace(/\/+$/, '')}/.default`,
    );
    const session = await this.session(wanted, false);
    if (!session) return null;
    return { token: session.accessToken, expiresOnTimestamp: Date.now() + 5 * 60_000 };
  }

  private async session(scopes: string[], interactive: boolean): Promise<vscode.AuthenticationSession | undefined> {
    try {
      return await vscode.authentication.getSession(
        providerFor(this.armEndpoint),
        scopes,
        interactive ? { createIfNone: true } : { silent: true },
      );
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      // VS Code words this "No authentication provider 'microsoft' is currently registered".
      if (/provider/i.test(text) && /regist|found/i.test(text)) throw new ProviderMissingError(text);
      throw e;
    }
  }
}
