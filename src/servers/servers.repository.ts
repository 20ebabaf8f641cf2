import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { IdentityServerEntity } from './entities/identity-server.entity';

/** Identity servers are the tenants themselves, so their id is the scope of every method here. */
@Injectable()
export class ServersRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(serverId: string, em: EntityManager = this.dataSource.manager): Promise<IdentityServerEntity | null> {
    return em.getRepository(IdentityServerEntity).findOneBy({ id: serverId });
  }

  findDefault(): Promise<IdentityServerEntity | null> {
    return this.dataSource.getRepository(IdentityServerEntity).findOneBy({ isDefault: true });
  }

  list(): Promise<IdentityServerEntity[]> {
    return this.dataSource.getRepository(IdentityServerEntity).find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insert(server: IdentityServerEntity, em: EntityManager): Promise<void> {
    await em.getRepository(IdentityServerEntity).insert(server);
  }

  async update(serverId: string, changes: Partial<IdentityServerEntity>, em: EntityManager): Promise<void> {
    await em.getRepository(IdentityServerEntity).update({ id: serverId }, changes);
  }

  /** Makes room for a new default server: at most one is default (a partial unique index enforces it). */
  async clearDefault(exceptServerId: string, em: EntityManager): Promise<void> {
    await em
      .createQueryBuilder()
      .update(IdentityServerEntity)
      .set({ isDefault: false })
      .where('is_default AND id <> :exceptServerId', { exceptServerId })
      .execute();
  }

  /** Deletes the server; its credentials, users, groups and memberships go with it (ON DELETE CASCADE). */
  async delete(serverId: string, em: EntityManager): Promise<boolean> {
    const result = await em.getRepository(IdentityServerEntity).delete({ id: serverId });
    return (result.affected ?? 0) > 0;
  }
}
