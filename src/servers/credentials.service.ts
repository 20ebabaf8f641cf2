import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '../config/config.module';
import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { TokenSigner, VerifiedToken } from '../auth/token-signer.service';
import { ScimPrincipal } from '../auth/principal';
import { DigestAlgorithm, digestHa1, digestRealm } from '../auth/digest/digest-hash';
import { SecretBox } from '../auth/secret-box';
import { randomSecret, safeEqual, sha256Hex } from '../common/crypto';
import { hashPassword, verifyAgainstNothing, verifyPassword } from '../common/password-hash';
import { CredentialsRepository } from './credentials.repository';
import { DEFAULT_TOKEN_LIFETIME_DAYS, DEFAULT_USERNAME } from './dto/security.dto';
import { IssuedCredentialView } from './dto/server.view';
import { IdentityServerEntity } from './entities/identity-server.entity';
import { ServerDirectory } from './server-directory';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A generated Basic/Digest password: 24 random bytes, 32 URL-safe characters. */
const GENERATED_PASSWORD_BYTES = 24;
/** A generated OAuth client secret: 32 random bytes. */
const GENERATED_SECRET_BYTES = 32;

/** The OAuth 2.0 endpoints of an identity server (its client id is the server id). */
export function oauthEndpoints(publicUrl: string, serverId: string): { token: string; authorize: string } {
  const base = `${publicUrl.replace(/\/$/, '')}/oauth/${serverId}`;
  return { token: `${base}/token`, authorize: `${base}/authorize` };
}

/** A Digest credential's HA1 for each accepted algorithm. */
export type DigestHa1s = Record<DigestAlgorithm, string>;

function digestHa1s(serverId: string, username: string, password: string): DigestHa1s {
  const realm = digestRealm(serverId);
  return {
    'SHA-256': digestHa1('SHA-256', username, realm, password),
    MD5: digestHa1('MD5', username, realm, password),
  };
}

/** What a sealed secret is bound to. */
const sealContext = (serverId: string, credentialId: string): string => `${serverId}/${credentialId}`;
/** Bearer tokens remembered after a full check (an IdP presents the same token on every request). */
const VERIFIED_TOKENS = 10_000;

/** Issues and checks the secrets IdPs present; only hashes are stored (Digest's HA1 values sealed). */
@Injectable()
export class CredentialsService {
  /**
   * Tokens whose signature and hash were checked, by the token itself: the check is done once per
   * token, not per request. The credential's state (revoked, expired) is still read on every request
   * from the server directory, so revocation takes effect at once.
   */
  private readonly verified = new LRUCache<string, VerifiedToken>({ max: VERIFIED_TOKENS });
  /** Basic username/password pairs (by a hash of the pair) checked against a credential's scrypt hash: credential id. */
  private readonly verifiedPasswords = new LRUCache<string, string>({ max: VERIFIED_TOKENS });

  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly signer: TokenSigner,
    private readonly box: SecretBox,
    private readonly directory: ServerDirectory,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * A new credential of the server's method (inside the caller's transaction); null for `none`.
   * basic and digest: the username of the server's settings and `password`, or a generated one.
   */
  async issue(
    server: IdentityServerEntity,
    em: EntityManager,
    password?: string,
  ): Promise<IssuedCredentialView | null> {
    const method = server.securityMethod;
    if (method === 'none') return null;
    const id = randomUUID();
    const base = { id, serverId: server.id, method, revokedAt: null, createdAt: new Date() };
    if (method === 'bearer') {
      const days = Number(server.securitySettings.tokenLifetimeDays ?? DEFAULT_TOKEN_LIFETIME_DAYS);
      const expiresAt = new Date(Date.now() + days * DAY_MS);
      const token = await this.signer.sign(server.id, id, expiresAt);
      await this.credentials.insert(
        { ...base, secretHash: sha256Hex(token), username: null, sealedSecret: null, expiresAt },
        em,
      );
      return { id, token, expiresAt: expiresAt.toISOString() };
    }
    if (method === 'oauth2') {
      const days = server.securitySettings.secretLifetimeDays;
      const expiresAt = typeof days === 'number' ? new Date(Date.now() + days * DAY_MS) : null;
      const clientSecret = randomSecret(GENERATED_SECRET_BYTES);
      await this.credentials.insert(
        { ...base, secretHash: sha256Hex(clientSecret), username: null, sealedSecret: null, expiresAt },
        em,
      );
      const endpoints = oauthEndpoints(this.config.publicUrl, server.id);
      return {
        id,
        clientId: server.id,
        clientSecret,
        tokenUrl: endpoints.token,
        authorizationUrl: endpoints.authorize,
        expiresAt: expiresAt?.toISOString() ?? null,
      };
    }
    const username = String(server.securitySettings.username ?? DEFAULT_USERNAME);
    const secret = password ?? randomSecret(GENERATED_PASSWORD_BYTES);
    const sealedSecret =
      method === 'digest'
        ? this.box.seal(JSON.stringify(digestHa1s(server.id, username, secret)), sealContext(server.id, id))
        : null;
    await this.credentials.insert(
      { ...base, secretHash: await hashPassword(secret), username, sealedSecret, expiresAt: null },
      em,
    );
    return { id, username, password: secret, expiresAt: null };
  }

  /**
   * The principal for Basic credentials at `serverId`'s URL, or undefined. A password is checked
   * against its scrypt hash once; then the pair is remembered (by a hash of it, in memory), while the
   * credential's state is still read on every request, so revocation takes effect at once.
   */
  async authenticateBasic(serverId: string, username: string, password: string): Promise<ScimPrincipal | undefined> {
    const key = sha256Hex(`${serverId}\u0000${username}\u0000${password}`);
    const known = this.verifiedPasswords.get(key);
    if (known !== undefined) {
      const credential = await this.directory.credential(serverId, known);
      if (credential?.method === 'basic') return { serverId, method: 'basic', credentialId: credential.id };
      this.verifiedPasswords.delete(key);
    }
    const candidates = await this.credentials.findByUsername(serverId, 'basic', username);
    for (const candidate of candidates) {
      if (await verifyPassword(password, candidate.secretHash)) {
        this.verifiedPasswords.set(key, candidate.id);
        return { serverId, method: 'basic', credentialId: candidate.id };
      }
    }
    // An unknown username costs one scrypt too, so that timing does not tell which usernames exist.
    if (candidates.length === 0) await verifyAgainstNothing(password);
    return undefined;
  }

  /**
   * The OAuth 2.0 client secret credential of `serverId` matching `clientSecret` (unrevoked,
   * unexpired), compared by hash in constant time; undefined when none does.
   */
  async oauthClientSecret(serverId: string, clientSecret: string): Promise<string | undefined> {
    const hash = sha256Hex(clientSecret);
    for (const candidate of await this.credentials.findActive(serverId, 'oauth2')) {
      if (safeEqual(candidate.secretHash, hash)) return candidate.id;
    }
    return undefined;
  }

  /** The Digest HA1 values of the server's credentials for `username` (several while one is rotated). */
  async digestSecrets(serverId: string, username: string): Promise<{ credentialId: string; ha1: DigestHa1s }[]> {
    const secrets: { credentialId: string; ha1: DigestHa1s }[] = [];
    for (const candidate of await this.credentials.findByUsername(serverId, 'digest', username)) {
      const opened = candidate.sealedSecret
        ? this.box.open(candidate.sealedSecret, sealContext(serverId, candidate.id))
        : undefined;
      if (opened) secrets.push({ credentialId: candidate.id, ha1: JSON.parse(opened) as DigestHa1s });
    }
    return secrets;
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
