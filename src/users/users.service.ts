import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { groupBy } from '../common/group-by';
import { hashPassword } from '../common/password-hash';
import { InjectConfig, AppConfig } from '../config/config.module';
import { MembershipsRepository, UserGroupRow } from '../memberships/memberships.repository';
import { ScimError } from '../scim/errors/scim-error';
import { Page } from '../scim/messages/list-response';
import { applyPatch, parsePatchRequest } from '../scim/patch';
import {
  carryImmutable,
  checkImmutable,
  isRequested,
  normalizeResource,
  project,
  projector,
  ResourceSchemas,
} from '../scim/resource';
import { withLookup } from '../scim/sql/storage';
import { ServerCountersRepository } from '../servers/server-counters.repository';
import { CompiledRoleMapping } from '../role-mapping/compiled-role-mapping';
import { canonicalRoleOperations, withCanonicalRoles } from '../scim/compat/entra-roles';
import { RoleMappingService } from '../role-mapping/role-mapping.service';
import { Conditions, ScimContext } from '../tenancy/scim-context';
import { CREATION_ORDER } from '../database/creation-order';
import { runList } from '../database/list-runner';
import { retryingWrite } from '../database/optimistic-write';
import { preconditionFailed, tagMatches } from '../scim/resource/conditional';
import { ListQuery, Projection } from '../scim/query/list-query';
import { resourceLocation } from '../scim/resource/locations';
import { ResourceResponse, writeNotes } from '../scim/resource/resource-response';
import { UserEntity } from './entities/user.entity';
import { managerIdsOf, mapUser } from './mappers/user.mapper';
import { SCHEMA } from '../scim/constants';
import { userColumns, userDocument } from './user-document';
import { USER_STORAGE } from './user-storage';
import { UserRecord, UsersRepository } from './users.repository';

interface UserChange {
  next: Record<string, unknown>;
  passwordHash?: string;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly memberships: MembershipsRepository,
    private readonly counters: ServerCountersRepository,
    private readonly roleMapping: RoleMappingService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Counts attributes dropped as unknown (the admin API shows them per server). */
  private async noteUnknown(serverId: string, unknown: readonly string[]): Promise<void> {
    if (unknown.length > 0) await this.counters.increment(serverId, 'ignored-attribute', unknown);
  }

  /** After a write: counts what was ignored as unknown and the source values no role rule maps; the answer carries them to the request log. */
  private async noteAfterWrite(
    serverId: string,
    mapping: CompiledRoleMapping,
    unknown: readonly string[],
    resource: Record<string, unknown> | undefined,
    response: ResourceResponse,
  ): Promise<ResourceResponse> {
    await this.noteUnknown(serverId, unknown);
    const unmatched = resource ? await this.roleMapping.noteUnmatched(serverId, mapping, resource) : [];
    const notes = writeNotes(unknown, unmatched);
    return notes ? { ...response, notes } : response;
  }

  async create(ctx: ScimContext, body: unknown, { projection }: Conditions): Promise<ResourceResponse> {
    const { id: serverId, schemas: tenantSchemas, roleMapping: mapping } = ctx.tenant;
    const schemas = tenantSchemas.users;
    const { resource, unknown } = normalizeResource(withCanonicalRoles(body, ctx.leniency), schemas, 'create', {
      leniency: ctx.leniency,
    });
    const now = new Date();
    const user: UserEntity = {
      id: randomUUID(),
      serverId,
      ...userColumns(resource, tenantSchemas.lookup.users),
      passwordHash: (await passwordHashOf(resource)) ?? null,
      effectiveRole: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    user.effectiveRole = await this.users.insert(serverId, user, mapping);
    return this.noteAfterWrite(serverId, mapping, unknown, resource, await this.respond(schemas, user, projection, []));
  }

  async get(ctx: ScimContext, id: string, { projection }: Conditions): Promise<ResourceResponse> {
    const { id: serverId, schemas: tenantSchemas } = ctx.tenant;
    const schemas = tenantSchemas.users;
    return this.respond(
      schemas,
      await this.require(serverId, id, isRequested('groups', schemas, projection)),
      projection,
    );
  }

  async list(ctx: ScimContext, query: ListQuery): Promise<Page<Record<string, unknown>>> {
    const { id: serverId, schemas: tenantSchemas } = ctx.tenant;
    const schemas = tenantSchemas.users;
    const withGroups = isRequested('groups', schemas, query.projection);
    const { rows, total, ...page } = await runList(query, {
      ctx: schemas,
      storage: withLookup(USER_STORAGE, tenantSchemas.lookup.users, 'r.lookup_keys'),
      fallbackKey: CREATION_ORDER,
      search: (search) => this.users.search(serverId, search, withGroups),
    });
    const groups = withGroups
      ? await this.memberships.groupsOfLoaded(
          serverId,
          rows.map((r) => ({ id: r.id, directGroups: r.directGroups ?? [] })),
        )
      : undefined;
    const managers = await this.managersOf(schemas, serverId, rows, query.projection);
    const groupsOf = groups && groupBy(groups, (g) => g.memberId);
    const toOutput = projector(schemas, query.projection);
    return {
      ...page,
      totalResults: total,
      itemsPerPage: rows.length,
      resources: rows.map((u) =>
        toOutput(mapUser(u, this.config.publicUrl, { groups: groupsOf?.get(u.id) ?? (groups && []), managers })),
      ),
    };
  }

  /** PUT (RFC 7644 §3.5.1): the body replaces the user; a password left out is kept (it is write-only). */
  async replace(ctx: ScimContext, id: string, body: unknown, conditions: Conditions): Promise<ResourceResponse> {
    const { id: serverId, schemas: tenantSchemas, roleMapping: mapping } = ctx.tenant;
    const schemas = tenantSchemas.users;
    const { resource, unknown } = normalizeResource(withCanonicalRoles(body, ctx.leniency), schemas, 'replace', {
      leniency: ctx.leniency,
    });
    const passwordHash = await passwordHashOf(resource);
    let written: Record<string, unknown> | undefined;
    const response = await this.write(ctx, id, conditions, (current) => {
      const next = carryImmutable(userDocument(current), resource, schemas);
      checkImmutable(userDocument(current), next, schemas);
      written = next;
      return { next, passwordHash };
    });
    return this.noteAfterWrite(serverId, mapping, unknown, written, response);
  }

  /** PATCH (RFC 7644 §3.5.2): all operations apply, or none. */
  async patch(ctx: ScimContext, id: string, body: unknown, conditions: Conditions): Promise<ResourceResponse> {
    const { id: serverId, schemas: tenantSchemas, roleMapping: mapping } = ctx.tenant;
    const { leniency } = ctx;
    const schemas = tenantSchemas.users;
    const operations = canonicalRoleOperations(
      parsePatchRequest(body),
      mapping.settings.entraRolesAddReplaces,
      leniency,
    );
    const unknown = new Set<string>();
    let written: Record<string, unknown> | undefined;
    const response = await this.write(ctx, id, conditions, async (current) => {
      const patched = applyPatch(userDocument(current), operations, schemas, { leniency });
      patched.unknown.forEach((name) => unknown.add(name));
      if (!patched.changed) return undefined;
      const normalized = normalizeResource(patched.resource, schemas, 'replace', { leniency });
      normalized.unknown.forEach((name) => unknown.add(name));
      written = normalized.resource;
      return { next: normalized.resource, passwordHash: await passwordHashOf(normalized.resource) };
    });
    return this.noteAfterWrite(serverId, mapping, [...unknown], written, response);
  }

  async delete(ctx: ScimContext, id: string, { ifMatch }: Conditions): Promise<void> {
    const serverId = ctx.tenant.id;
    const expected =
      ifMatch === undefined || ifMatch === '*' ? undefined : await this.versionFor(serverId, id, ifMatch);
    const deleted = await this.dataSource.transaction((em) => this.users.delete(serverId, id, expected, em));
    if (!deleted) {
      const current = await this.require(serverId, id);
      throw preconditionFailed(id, current.version);
    }
  }

  /**
   * Read, compute, conditional write (`UPDATE … WHERE version = read version`): no lock on the fast
   * path. With If-Match, a version mismatch is a 412. Without it, a write that raced another is
   * retried, the last time under a row lock (SELECT … FOR UPDATE), so it cannot lose again.
   */
  private async write(
    ctx: ScimContext,
    id: string,
    { ifMatch, projection }: Conditions,
    change: (current: UserEntity) => Promise<UserChange | undefined> | UserChange | undefined,
  ): Promise<ResourceResponse> {
    const { id: serverId, schemas: tenantSchemas, roleMapping: mapping } = ctx.tenant;
    const schemas = tenantSchemas.users;
    const lookup = tenantSchemas.lookup.users;
    // The groups are read with the user (a PATCH that changes nothing answers from that one read) and
    // reused for the answer: a User write never changes its groups.
    const withGroups = isRequested('groups', schemas, projection);
    return retryingWrite(async (locked) => {
      if (locked) return this.writeLocked(ctx, id, projection, change);
      const current = await this.require(serverId, id, withGroups);
      if (ifMatch !== undefined && !tagMatches(ifMatch, current.version)) throw preconditionFailed(id, current.version);
      const result = await change(current);
      if (!result) return this.respond(schemas, current, projection);
      const updated = await this.users.update(serverId, id, {
        expectedVersion: current.version,
        values: userColumns(result.next, lookup),
        passwordHash: result.passwordHash,
        roles: mapping,
        withGroups: false,
      });
      if (updated) return this.respond(schemas, { ...updated, directGroups: current.directGroups }, projection);
      if (ifMatch !== undefined) throw preconditionFailed(id, (await this.require(serverId, id)).version);
      return undefined;
    });
  }

  /** The last attempt of a write without If-Match: under the row lock, taken first, it cannot lose. */
  private async writeLocked(
    ctx: ScimContext,
    id: string,
    projection: Projection,
    change: (current: UserEntity) => Promise<UserChange | undefined> | UserChange | undefined,
  ): Promise<ResourceResponse> {
    const { id: serverId, schemas: tenantSchemas, roleMapping: mapping } = ctx.tenant;
    const schemas = tenantSchemas.users;
    const withGroups = isRequested('groups', schemas, projection);
    const written = await this.dataSource.transaction(async (em) => {
      const current = await this.users.lockById(serverId, id, em);
      if (!current) throw ScimError.notFound(`User ${id} not found`);
      const result = await change(current);
      if (!result) return current;
      return this.users.update(
        serverId,
        id,
        {
          expectedVersion: current.version,
          values: userColumns(result.next, tenantSchemas.lookup.users),
          passwordHash: result.passwordHash,
          roles: mapping,
          withGroups,
        },
        em,
      );
    });
    if (!written) throw new Error(`user ${id} changed under its row lock`);
    return this.respond(schemas, written, projection);
  }

  private async versionFor(serverId: string, id: string, ifMatch: number[]): Promise<number> {
    const current = await this.require(serverId, id);
    if (!tagMatches(ifMatch, current.version)) throw preconditionFailed(id, current.version);
    return current.version;
  }

  /** `knownGroups`: the groups when the caller knows them (a user just created has none). */
  private async respond(
    schemas: ResourceSchemas,
    user: UserRecord,
    projection: Projection,
    knownGroups?: UserGroupRow[],
  ): Promise<ResourceResponse> {
    const groups = knownGroups ?? (isRequested('groups', schemas, projection) ? await this.groupsOf(user) : undefined);
    return {
      body: project(
        mapUser(user, this.config.publicUrl, {
          groups,
          managers: await this.managersOf(schemas, user.serverId, [user], projection),
        }),
        schemas,
        projection,
      ),
      version: user.version,
      location: resourceLocation(this.config.publicUrl, user.serverId, 'Users', user.id),
    };
  }

  /** Display names of the managers these users name (one query), when the extension is returned. */
  private async managersOf(
    schemas: ResourceSchemas,
    serverId: string,
    users: UserEntity[],
    projection: Projection,
  ): Promise<Map<string, string> | undefined> {
    if (!isRequested(SCHEMA.enterpriseUser, schemas, projection)) return undefined;
    const ids = managerIdsOf(users);
    return ids.length > 0 ? this.users.existing(serverId, ids) : undefined;
  }

  /** The user's groups: from its row when they were read with it, else one query. */
  private groupsOf(user: UserRecord): Promise<UserGroupRow[]> {
    const { serverId, id, directGroups } = user;
    return directGroups
      ? this.memberships.groupsOfLoaded(serverId, [{ id, directGroups }])
      : this.memberships.groupsOfUsers(serverId, [id]);
  }

  private async require(serverId: string, id: string, withGroups = false): Promise<UserRecord> {
    const user = await this.users.findById(serverId, id, withGroups);
    if (!user) throw ScimError.notFound(`User ${id} not found`);
    return user;
  }
}

async function passwordHashOf(resource: Record<string, unknown>): Promise<string | undefined> {
  const password = resource.password;
  if (password === undefined) return undefined;
  if (typeof password !== 'string' || password === '')
    throw ScimError.badRequest('invalidValue', 'password must be a non-empty string');
  return hashPassword(password);
}
