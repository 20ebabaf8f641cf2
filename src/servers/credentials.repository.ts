import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { CredentialEntity } from './entities/credential.entity';

@Injectable()
export class CredentialsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A credential of this server that is neither revoked nor expired. */
  async findActive(serverId: string, credentialId: string): Promise<CredentialEntity | null> {
    const row = await this.dataSource
      .getRepository(CredentialEntity)
      .findOneBy({ id: credentialId, serverId, revokedAt: IsNull() });
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return null;
    return row;
  }

  list(serverId: string): Promise<CredentialEntity[]> {
    return this.dataSource.getRepository(CredentialEntity).find({ where: { serverId }, order: { createdAt: 'ASC' } });
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
