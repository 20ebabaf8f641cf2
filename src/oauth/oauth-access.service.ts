import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ScimPrincipal } from '../auth/principal';
import { ServerDirectory } from '../servers/server-directory';
import { assertionSettingsOf } from './client-assertion';
import { assertionCredential } from './oauth-model';
import { OAuthStore } from './oauth-store';

const REMEMBERED_TOKENS = 10_000;

/**
 * Checks the access tokens IdPs present at an oauth2 server's SCIM URL. A token is looked up once per
 * instance and remembered until it expires; the client secret that obtained it is checked on every
 * request (from the server directory), so revoking the secret ends its tokens at once.
 */
@Injectable()
export class OAuthAccess {
  private readonly known = new LRUCache<string, { serverId: string; credentialId: string; expiresAt: number }>({
    max: REMEMBERED_TOKENS,
  });

  constructor(
    private readonly store: OAuthStore,
    private readonly directory: ServerDirectory,
  ) {}

  async authenticate(serverId: string, token: string): Promise<ScimPrincipal | undefined> {
    let entry = this.known.get(token);
    if (!entry || entry.expiresAt <= Date.now()) {
      const stored = await this.store.accessToken(serverId, token);
      if (!stored) return undefined;
      entry = {
        serverId: stored.serverId,
        credentialId: stored.credentialId,
        expiresAt: stored.accessExpiresAt.getTime(),
      };
      this.known.set(token, entry);
    }
    if (entry.serverId !== serverId) return undefined;
    if (entry.credentialId === assertionCredential(serverId)) {
      const server = await this.directory.server(serverId);
      const trusted = server?.securityMethod === 'oauth2' && assertionSettingsOf(server.securitySettings) !== undefined;
      return trusted ? { serverId, method: 'oauth2', credentialId: null } : undefined;
    }
    const credential = await this.directory.credential(serverId, entry.credentialId);
    if (credential?.method !== 'oauth2') return undefined;
    return { serverId, method: 'oauth2', credentialId: credential.id };
  }
}
