import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { TokenSigner, VerifiedToken } from '../auth/token-signer.service';
import { ScimPrincipal } from '../auth/principal';
import { safeEqual, sha256Hex } from '../common/crypto';
import { CredentialsRepository } from './credentials.repository';
import { DEFAULT_TOKEN_LIFETIME_DAYS } from './dto/security.dto';
import { IssuedCredentialView } from './dto/server.view';
import { IdentityServerEntity } from './entities/identity-server.entity';
import { ServerDirectory } from './server-directory';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Bearer tokens remembered after a full check (an IdP presents the same token on every request). */
const VERIFIED_TOKENS = 10_000;

/** Issues, checks and revokes the secrets IdPs present; only hashes are stored. */
@Injectable()
export class CredentialsService {
  /**
   * Tokens whose signature and hash were checked, by the token itself: the check is done once per
   * token, not per request. The credential's state (revoked, expired) is still read on every request
   * from the server directory, so revocation takes effect at once.
   */
  private readonly verified = new LRUCache<string, VerifiedToken>({ max: VERIFIED_TOKENS });

  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly signer: TokenSigner,
    private readonly directory: ServerDirectory,
  ) {}

  /** A new credential of the server's method (inside the caller's transaction); null for `none`. */
  async issue(server: IdentityServerEntity, em: EntityManager): Promise<IssuedCredentialView | null> {
    if (server.securityMethod === 'none') return null;
    const id = randomUUID();
    const days = Number(server.securitySettings.tokenLifetimeDays ?? DEFAULT_TOKEN_LIFETIME_DAYS);
    const expiresAt = new Date(Date.now() + days * DAY_MS);
    const token = await this.signer.sign(server.id, id, expiresAt);
    await this.credentials.insert(
      { id, serverId: server.id, method: server.securityMethod, secretHash: sha256Hex(token), expiresAt, revokedAt: null, createdAt: new Date() },
      em,
    );
    return { id, token, expiresAt: expiresAt.toISOString() };
  }

  /**
   * The principal for a bearer token presented at `serverId`'s URL, or undefined. The signature, the
   * server, the credential's state and the token's hash must all match: a token of another server, a
   * revoked or expired credential, or a forged token with a valid credential id all fail.
   */
  async authenticateBearer(serverId: string, token: string): Promise<ScimPrincipal | undefined> {
    const known = this.verified.get(token);
    const verified = known && known.expiresAt > Date.now() ? known : await this.signer.verify(token);
    if (!verified || verified.serverId !== serverId) return undefined;
    const credential = await this.directory.credential(serverId, verified.credentialId);
    if (!credential || credential.method !== 'bearer') return undefined;
    if (verified !== known) {
      if (!safeEqual(credential.secretHash, sha256Hex(token))) return undefined;
      this.verified.set(token, verified);
    }
    return { serverId, method: 'bearer', credentialId: credential.id };
  }
}
