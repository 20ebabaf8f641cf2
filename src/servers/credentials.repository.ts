import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { SELF_TEST_METHOD } from './security-method';
import { CredentialEntity } from './entities/credential.entity';

@Injectable()
export class CredentialsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Method, secret hash and expiry of an unrevoked credential of this server (plain SQL: the request path). */
  async findUnrevoked(
    serverId: string,
    credentialId: string,
  ): Promise<Pick<CredentialEntity, 'id' | 'method' | 'secretHash' | 'expiresAt'> | null> {
    const rows: { id: string; method: CredentialEntity['method']; secret_hash: string; expires_at: Date | null }[] =
      await this.dataSource.query(
        'SELECT id, method, secret_hash, expires_at FROM credentials WHERE id = $1 AND server_id = $2 AND revoked_at IS NULL',
        [credentialId, serverId],
      );
    return rows.length > 0
      ? { id: rows[0].id, method: rows[0].method, secretHash: rows[0].secret_hash, expiresAt: rows[0].expires_at }
      : null;
  }

  /** The unrevoked, unexpired credentials of this method (OAuth client secrets: several while one is rotated). */
  async findActive(
    serverId: string,
    method: CredentialEntity['method'],
  ): Promise<Pick<CredentialEntity, 'id' | 'secretHash'>[]> {
    const rows: { id: string; secret_hash: string }[] = await this.dataSource.query(
      `SELECT id, secret_hash FROM credentials
        WHERE server_id = $1 AND method = $2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
        ORDER BY created_at DESC LIMIT 10`,
      [serverId, method],
    );
    return rows.map((r) => ({ id: r.id, secretHash: r.secret_hash }));
  }

  /** The unrevoked, unexpired credentials of this method and username (several while one is rotated). */
  async findByUsername(
    serverId: string,
    method: CredentialEntity['method'],
    username: string,
  ): Promise<Pick<CredentialEntity, 'id' | 'secretHash' | 'sealedSecret'>[]> {
    const rows: { id: string; secret_hash: string; sealed_secret: string | null }[] = await this.dataSource.query(
      `SELECT id, secret_hash, sealed_secret FROM credentials
        WHERE server_id = $1 AND username = $2 AND method = $3 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
        ORDER BY created_at DESC LIMIT 10`,
      [serverId, username, method],
    );
    return rows.map((r) => ({ id: r.id, secretHash: r.secret_hash, sealedSecret: r.sealed_secret }));
  }

  /** The credentials handed to IdPs (not the self-test runs' own, which the audit trail records). */
  list(serverId: string): Promise<CredentialEntity[]> {
    return this.dataSource
      .getRepository(CredentialEntity)
      .find({ where: { serverId, method: Not(SELF_TEST_METHOD) }, order: { createdAt: 'ASC' } });
  }

  /** When the last of the unrevoked, unexpired credentials of this method expires; null when there is none. */
  async lastActiveExpiry(
    serverId: string,
    method: CredentialEntity['method'],
    em: EntityManager,
  ): Promise<Date | null> {
    const rows: { expires_at: Date | null }[] = await em.query(
      `SELECT max(expires_at) AS expires_at FROM credentials
        WHERE server_id = $1 AND method = $2 AND revoked_at IS NULL AND expires_at > now()`,
      [serverId, method],
    );
    return rows[0]?.expires_at ? new Date(rows[0].expires_at) : null;
  }

  async insert(credential: CredentialEntity, em: EntityManager): Promise<void> {
    await em.getRepository(CredentialEntity).insert(credential);
  }

  /** Revokes one credential; false when the server has no such unrevoked credential. */
  async revoke(serverId: string, credentialId: string, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    const result = await em
      .getRepository(CredentialEntity)
      .update({ id: credentialId, serverId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  async revokeAll(serverId: string, em: EntityManager): Promise<void> {
    await em.getRepository(CredentialEntity).update({ serverId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
