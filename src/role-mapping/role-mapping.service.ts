import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '../audit-log/audit-trail/audit-trail.service';
import { buildServerSchemas } from '../custom-attributes/server-schemas';
import { ServerCountersRepository } from '../servers/server-counters.repository';
import { ServerDirectory } from '../servers/server-directory';
import { ServersRepository } from '../servers/servers.repository';
import { CompiledRoleMapping, compileRoleMapping } from './compiled-role-mapping';
import { RoleMappingView } from './dto/role-mapping.view';
import { parseRoleMapping } from './parse-role-mapping';
import { roleMappingOf } from './role-mapping-settings';
import { RoleMappingRepository } from './role-mapping.repository';
import { unmatchedRoleValues } from './unmatched-values';

/**
 * Role mapping: the per-server rules (admin API), and the recomputation of effective roles that every
 * change able to affect them runs in its own transaction (user writes compute theirs in their UPDATE).
 * The SCIM writes pass the compiled mapping of the tenant they run for: nothing here reads it again.
 */
@Injectable()
export class RoleMappingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: ServerDirectory,
    private readonly servers: ServersRepository,
    private readonly repository: RoleMappingRepository,
    private readonly counters: ServerCountersRepository,
    private readonly audit: AuditTrail,
  ) {}

  /** Counts a written user's source values that no rule maps (after the write); returns them. */
  async noteUnmatched(
    serverId: string,
    mapping: CompiledRoleMapping,
    resource: Record<string, unknown>,
  ): Promise<string[]> {
    if (!mapping.enabled) return [];
    const names = unmatchedRoleValues(mapping.settings, resource);
    if (names.length > 0) await this.counters.increment(serverId, 'unmatched-role-value', names);
    return names;
  }

  /** After members were added to or removed from a group (`memberIds`: the users or groups concerned). */
  async membersChanged(
    serverId: string,
    mapping: CompiledRoleMapping,
    memberIds: readonly string[],
    em: EntityManager,
  ): Promise<void> {
    if (mapping.byGroups) await this.repository.recomputeMembers(serverId, memberIds, mapping, em);
  }

  /** Before a change that may remove many memberships or rename groups (PUT, replace all, delete). */
  async beforeGroupChange(
    serverId: string,
    mapping: CompiledRoleMapping,
    groupIds: readonly string[],
    em: EntityManager,
  ): Promise<void> {
    if (mapping.byGroups) await this.repository.rememberUnderGroups(serverId, groupIds, mapping, em);
  }

  /** After such a change: the users under the groups before and after it. */
  async afterGroupChange(
    serverId: string,
    mapping: CompiledRoleMapping,
    groupIds: readonly string[],
    em: EntityManager,
  ): Promise<void> {
    if (!mapping.byGroups) return;
    await this.repository.recomputeRemembered(serverId, mapping, em);
    if (groupIds.length > 0) await this.repository.recomputeUnderGroups(serverId, groupIds, mapping, em);
  }

  async get(serverId: string): Promise<RoleMappingView> {
    const server = await this.servers.findById(serverId);
    if (!server) throw notFound(serverId);
    return {
      ...roleMappingOf(server.roleMapping),
      roleCounts: await this.repository.counts(serverId),
      unmatchedValues: await this.counters.list(serverId, 'unmatched-role-value'),
    };
  }

  /** Replaces the mapping and recomputes every user's role, in one transaction with the audit entry. */
  async replace(serverId: string, body: unknown): Promise<RoleMappingView> {
    await this.dataSource.transaction(async (em) => {
      const server = await this.servers.findById(serverId, em);
      if (!server) throw notFound(serverId);
      const settings = parseRoleMapping(body, buildServerSchemas(server).users);
      await this.servers.update(serverId, { roleMapping: { ...settings }, updatedAt: new Date() }, em);
      await this.repository.recomputeAll(serverId, compileRoleMapping(settings), em);
      await this.directory.changed(serverId, em);
      await this.audit.record(em, {
        action: 'role-mapping.updated',
        serverId,
        before: roleMappingOf(server.roleMapping),
        after: settings,
      });
    });
    return this.get(serverId);
  }

  async userRole(
    serverId: string,
    userId: string,
  ): Promise<{ id: string; userName: string; active: boolean; role: string | null }> {
    const user = await this.repository.userRole(serverId, userId);
    if (!user) throw new NotFoundException(`Identity server ${serverId} has no user ${userId}`);
    return user;
  }

  async clearUnmatched(serverId: string): Promise<void> {
    await this.get(serverId);
    await this.counters.clear(serverId, 'unmatched-role-value');
  }
}

function notFound(serverId: string): NotFoundException {
  return new NotFoundException(`Identity server ${serverId} not found`);
}
