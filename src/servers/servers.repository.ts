import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { IdentityServerEntity } from './entities/identity-server.entity';

/** Identity servers are the tenants themselves, so their id is the scope of every method here. */
@Injectable()
export class ServersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Plain SQL: this runs on every SCIM request. */
  async findById(serverId: string, em: EntityManager = this.dataSource.manager): Promise<IdentityServerEntity | null> {
    const rows: ServerRow[] = await em.query(`SELECT ${COLUMNS} FROM identity_servers WHERE id = $1`, [serverId]);
    return rows.length > 0 ? rowToServer(rows[0]) : null;
  }

  /**
   * Locks the server's row until the transaction ends, to serialise a decision about the server across
   * instances (FOR NO KEY UPDATE: the request log's and the resources' key-share locks are not blocked).
   * False when there is no such server.
   */
  async lock(serverId: string, em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query('SELECT id FROM identity_servers WHERE id = $1 FOR NO KEY UPDATE', [
      serverId,
    ]);
    return rows.length > 0;
  }

  async findDefault(): Promise<IdentityServerEntity | null> {
    const rows: ServerRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM identity_servers WHERE is_default`);
    return rows.length > 0 ? rowToServer(rows[0]) : null;
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

const COLUMNS =
  'id, name, active, is_default, log_requests, log_retention_days, security_method, security_settings, scim_settings, access_settings, schema_settings, role_mapping, lookup_version, lookup_ready_version, lookup_changed_at, created_at, updated_at';

interface ServerRow {
  id: string;
  name: string;
  active: boolean;
  is_default: boolean;
  log_requests: boolean;
  log_retention_days: number;
  security_method: IdentityServerEntity['securityMethod'];
  security_settings: Record<string, unknown>;
  scim_settings: Record<string, unknown>;
  access_settings: Record<string, unknown>;
  schema_settings: Record<string, unknown>;
  role_mapping: Record<string, unknown>;
  lookup_version: number;
  lookup_ready_version: number;
  lookup_changed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function rowToServer(row: ServerRow): IdentityServerEntity {
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    isDefault: row.is_default,
    logRequests: row.log_requests,
    logRetentionDays: row.log_retention_days,
    securityMethod: row.security_method,
    securitySettings: row.security_settings,
    scimSettings: row.scim_settings,
    accessSettings: row.access_settings,
    schemaSettings: row.schema_settings,
    roleMapping: row.role_mapping,
    lookupVersion: row.lookup_version,
    lookupReadyVersion: row.lookup_ready_version,
    lookupChangedAt: row.lookup_changed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
