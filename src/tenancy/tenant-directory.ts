import { Injectable } from '@nestjs/common';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { ServerDirectory } from '../servers/server-directory';
import { buildScimTenant, ScimTenant } from './scim-tenant';

/**
 * The identity servers as SCIM requests see them, over ServerDirectory: one ScimTenant per server row
 * read. ServerDirectory hands out the same row object until the servers module invalidates it (an
 * admin change here or, through NOTIFY, on another instance), then a row read anew: keyed by that
 * object, a tenant lives exactly as long as its row, and a dropped row takes its tenant with it.
 * Without the directory's cache every request reads its row once, and builds its tenant once.
 */
@Injectable()
export class TenantDirectory {
  private readonly tenants = new WeakMap<IdentityServerEntity, ScimTenant>();

  constructor(private readonly servers: ServerDirectory) {}

  async byId(id: string): Promise<ScimTenant | null> {
    return this.tenantOf(await this.servers.server(id));
  }

  async defaultTenant(): Promise<ScimTenant | null> {
    return this.tenantOf(await this.servers.defaultOne());
  }

  private tenantOf(row: IdentityServerEntity | null): ScimTenant | null {
    if (!row) return null;
    let tenant = this.tenants.get(row);
    if (!tenant) {
      tenant = buildScimTenant(row);
      this.tenants.set(row, tenant);
    }
    return tenant;
  }
}
