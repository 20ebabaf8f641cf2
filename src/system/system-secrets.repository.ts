import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SystemSecretEntity } from './entities/system-secret.entity';

/** Process-wide values. Safe when several instances start at once: the first insert wins, all read it. */
@Injectable()
export class SystemSecretsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(name: string, em: EntityManager = this.dataSource.manager): Promise<string | undefined> {
    const row = await em.getRepository(SystemSecretEntity).findOneBy({ name });
    return row?.value;
  }

  /** Returns the stored value, storing `candidate` first if there is none; `created` tells which. */
  async findOrCreate(
    name: string,
    candidate: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<{ value: string; created: boolean }> {
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(SystemSecretEntity)
      .values({ name, value: candidate })
      .orIgnore()
      .returning(['name'])
      .execute();
    if (inserted.raw.length > 0) return { value: candidate, created: true };
    const value = await this.find(name, em);
    if (value === undefined) throw new Error(`system secret ${name} vanished`);
    return { value, created: false };
  }

  async upsert(name: string, value: string, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.getRepository(SystemSecretEntity).upsert({ name, value }, ['name']);
  }

  async remove(name: string, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.getRepository(SystemSecretEntity).delete({ name });
  }
}
