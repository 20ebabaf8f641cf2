import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { InjectConfig, AppConfig } from '../config/config.module';
import { MembershipsRepository } from '../memberships/memberships.repository';
import { ScimError } from '../scim/errors/scim-error';
import { Page } from '../scim/messages/list-response';
import { applyPatch, parsePatchRequest, PatchOperation } from '../scim/patch';
import { isRequested, normalizeResource, project, projector, ResourceSchemas } from '../scim/resource';
import { withLookup } from '../scim/sql/storage';
import { ServerCountersRepository } from '../servers/server-counters.repository';
import { RoleMappingService } from '../role-mapping/role-mapping.service';
import { Conditions, ScimContext } from '../tenancy/scim-context';
import { DeferredOperation } from '../scim/patch';
import { memberIdsOfFilter } from './member-filter-ids';
import { CREATION_ORDER } from '../database/creation-order';
import { runList } from '../database/list-runner';
import { retryingWrite } from '../database/optimistic-write';
import { preconditionFailed, tagMatches } from '../scim/resource/conditional';
import { ListQuery, Projection } from '../scim/query/list-query';
import { resourceLocation } from '../scim/resource/locations';
import { StreamedResource } from '../scim/resource/streamed-resource';
import { ResourceResponse, writeNotes } from '../scim/resource/resource-response';
import { GroupEntity } from './entities/group.entity';
import { groupColumns, groupDocument, memberIdsOf } from './group-document';
import { GroupMembersService, NestingNeedsTransaction } from './group-members.service';
import { MEMBER_BATCH, streamedGroup } from './group-stream';
import { GROUP_STORAGE } from './group-storage';
import { GroupsRepository } from './groups.repository';
import { mapGroup } from './mappers/group.mapper';

/** Thrown inside a transaction to roll it back when the group moved on meanwhile. */
class VersionConflict extends Error {}

const MEMBERS_GROUP_FK = 'FK_scim_group_members_group';

function isForeignKeyViolation(error: unknown, constraint: string): boolean {
  const driverError =
    error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23503' && driverError.constraint === constraint;
}

@Injectable()
export class GroupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: GroupsRepository,
    private readonly members: GroupMembersService,
    private readonly memberships: MembershipsRepository,
    private readonly counters: ServerCountersRepository,
    private readonly roleMapping: RoleMappingService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Counts attributes dropped as unknown (the admin API shows them per server); the answer carries them to the request log. */
  private async noteUnknown(
    serverId: string,
    unknown: Iterable<string>,
    response: ResourceResponse,
  ): Promise<ResourceResponse> {
    const names = [...unknown];
    if (names.length > 0) await this.counters.increment(serverId, 'ignored-attribute', names);
    const notes = writeNotes(names);
    return notes ? { ...response, notes } : response;
  }

  /** Members that are no User or Group of the tenant are refused or ignored as its `unknownMembers` setting says. */
  async create(ctx: ScimContext, body: unknown, { projection }: Conditions): Promise<ResourceResponse> {
    const { id: serverId, schemas: tenantSchemas, roleMapping: mapping } = ctx.tenant;
    const schemas = tenantSchemas.groups;
    const { resource, unknown } = normalizeResource(body, schemas, 'create', { leniency: ctx.leniency });
    const now = new Date();
    const group: GroupEntity = {
      id: randomUUID(),
      serverId,
      ...groupColumns(resource, tenantSchemas.lookup.groups),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await this.dataSource.transaction(async (em) => {
      await this.groups.insert(serverId, group, em);
      await this.members.add(ctx, group.id, (resource.members as unknown[] | undefined) ?? [], em);
      await this.roleMapping.membersChanged(serverId, mapping, memberIdsOf(resource.members), em);
    });
    return this.noteUnknown(serverId, unknown, await this.respond(schemas, group, projection));
  }

  /**
   * GET by id. With members requested, the body streams them in batches; without, the members are not
   * read at all (`excludedAttributes=members`).
   */
  async get(ctx: ScimContext, id: string, { projection }: Conditions): Promise<ResourceResponse> {
    return this.respond(ctx.tenant.schemas.groups, await this.require(ctx.tenant.id, id), projection);
  }

  /** A page of groups; with members requested, each group's members stream in batches as the page is written. */
  async list(ctx: ScimContext, query: ListQuery): Promise<Page<Record<string, unknown> | StreamedResource>> {
    const { id: serverId, schemas: tenantSchemas } = ctx.tenant;
    const schemas = tenantSchemas.groups;
    const { rows, total, ...page } = await runList(query, {
      ctx: schemas,
      storage: withLookup(GROUP_STORAGE, tenantSchemas.lookup.groups, 'r.lookup_keys'),
      fallbackKey: CREATION_ORDER,
      search: (search) => this.groups.search(serverId, search),
    });
    const withMembers = isRequested('members', schemas, query.projection);
    const toOutput = projector(schemas, query.projection);
    return {
      ...page,
      totalResults: total,
      itemsPerPage: rows.length,
      resources: rows.map((g) => {
        const head = toOutput(mapGroup(g, undefined, this.config.publicUrl));
        return withMembers ? this.streamed(head, g, query.projection) : head;
      }),
    };
  }

  /** PUT: attributes and the whole member list are replaced. */
  async replace(ctx: ScimContext, id: string, body: unknown, conditions: Conditions): Promise<ResourceResponse> {
    const { id: serverId, schemas: tenantSchemas, roleMapping: mapping } = ctx.tenant;
    const { resource, unknown } = normalizeResource(body, tenantSchemas.groups, 'replace', { leniency: ctx.leniency });
    const members = (resource.members as unknown[] | undefined) ?? [];
    const response = await this.write(ctx, id, conditions, async (current, em) => {
      await this.roleMapping.beforeGroupChange(serverId, mapping, [id], em);
      await this.members.replace(ctx, id, members, em);
      const updated = await this.groups.update(
        serverId,
        id,
        current.version,
        groupColumns(resource, tenantSchemas.lookup.groups),
        em,
      );
      if (updated) await this.roleMapping.afterGroupChange(serverId, mapping, [id], em);
      return updated;
    });
    return this.noteUnknown(serverId, unknown, response);
  }

  /**
   * PATCH: attribute operations apply to the document; `members` operations run as single-edge SQL
   * statements in the same transaction. The response leaves `members` out unless `attributes` asks
   * for them, so that changing one member of a large group stays cheap.
   */
  async patch(ctx: ScimContext, id: string, body: unknown, conditions: Conditions): Promise<ResourceResponse> {
    const { id: serverId, schemas: tenantSchemas, roleMapping: mapping } = ctx.tenant;
    const { leniency } = ctx;
    const { ifMatch, projection } = conditions;
    const operations = parsePatchRequest(body);
    const response = projection.attributes
      ? projection
      : { ...projection, excludedAttributes: [...(projection.excludedAttributes ?? []), 'members'] };
    const schemas = tenantSchemas.groups;
    // Role rules on groups: every member change runs in a transaction that recomputes the roles.
    const byGroups = mapping.byGroups;
    const single =
      ifMatch === undefined && !byGroups ? await this.patchMembersAlone(ctx, id, operations, response) : undefined;
    if (single) return single;
    const unknown = new Set<string>();
    const written = await this.write(ctx, id, { ifMatch, projection: response }, async (current, em) => {
      const document = groupDocument(current);
      const patched = applyPatch(document, operations, schemas, { deferred: ['members'], leniency });
      patched.unknown.forEach((name) => unknown.add(name));
      // `changed` also counts deferred (member) operations; the attributes changed only if they differ.
      const attributesChanged = patched.changed && !sameJson(patched.resource, document);
      const affected = byGroups ? affectedMembers(patched.deferred, attributesChanged) : { ids: [], whole: false };
      if (affected.whole) await this.roleMapping.beforeGroupChange(serverId, mapping, [id], em);
      let changes = 0;
      for (const operation of patched.deferred) {
        for (const statement of await this.members.plan(ctx, id, operation, em))
          changes += await this.memberships.change(serverId, statement, em);
      }
      if (!attributesChanged && changes === 0) return current;
      let updated: GroupEntity | null;
      if (attributesChanged) {
        const normalized = normalizeResource(patched.resource, schemas, 'replace', { leniency });
        normalized.unknown.forEach((name) => unknown.add(name));
        updated = await this.groups.update(
          serverId,
          id,
          current.version,
          groupColumns(normalized.resource, tenantSchemas.lookup.groups),
          em,
        );
      } else {
        // Members alone: the edges changed atomically, so only an If-Match needs the version read.
        updated =
          ifMatch === undefined
            ? await this.groups.bumpVersion(serverId, id, em)
            : await this.groups.update(serverId, id, current.version, undefined, em);
      }
      if (updated && affected.whole) await this.roleMapping.afterGroupChange(serverId, mapping, [id], em);
      if (updated && affected.ids.length > 0)
        await this.roleMapping.membersChanged(serverId, mapping, affected.ids, em);
      return updated;
    });
    return this.noteUnknown(serverId, unknown, written);
  }

  /**
   * The common IdP PATCH — one member operation that is one statement (add members, remove
   * `members[value eq …]`), no attribute change, no If-Match — as a single statement that changes the
   * edges and bumps the version: atomic without a transaction, and the group row is locked only while
   * that statement commits. Undefined when the PATCH is not of that shape, or adds member groups (their
   * cycle check runs under the nesting lock, which only a transaction holds to the commit).
   */
  private async patchMembersAlone(
    ctx: ScimContext,
    id: string,
    operations: PatchOperation[],
    projection: Projection,
  ): Promise<ResourceResponse | undefined> {
    const serverId = ctx.tenant.id;
    const schemas = ctx.tenant.schemas.groups;
    const current = await this.require(serverId, id);
    const document = groupDocument(current);
    // When this shape does not apply, the general path applies the operations again: the leniency records each kind once.
    const patched = applyPatch(document, operations, schemas, { deferred: ['members'], leniency: ctx.leniency });
    if (patched.deferred.length !== 1 || patched.unknown.length > 0 || !sameJson(patched.resource, document))
      return undefined;
    const statements = await this.members
      .plan(ctx, id, patched.deferred[0], this.dataSource.manager)
      .catch((error: unknown) => {
        // Member groups: their cycle check needs the nesting lock held to the commit, in a transaction.
        if (error instanceof NestingNeedsTransaction) return undefined;
        throw error;
      });
    if (!statements || statements.length > 1) return undefined;
    try {
      const updated = statements.length === 1 ? await this.groups.changeMembers(serverId, id, statements[0]) : null;
      return this.respond(schemas, updated ?? current, projection);
    } catch (error) {
      if (isForeignKeyViolation(error, MEMBERS_GROUP_FK)) throw notFound(id);
      throw error;
    }
  }

  async delete(ctx: ScimContext, id: string, { ifMatch }: Conditions): Promise<void> {
    const { id: serverId, roleMapping: mapping } = ctx.tenant;
    let expected: number | undefined;
    if (ifMatch !== undefined && ifMatch !== '*') {
      const current = await this.require(serverId, id);
      if (!tagMatches(ifMatch, current.version)) throw preconditionFailed(id, current.version);
      expected = current.version;
    }
    const deleted = await this.dataSource.transaction(async (em) => {
      await this.roleMapping.beforeGroupChange(serverId, mapping, [id], em);
      const gone = await this.groups.delete(serverId, id, expected, em);
      if (gone) await this.roleMapping.afterGroupChange(serverId, mapping, [], em);
      return gone;
    });
    if (!deleted) throw preconditionFailed(id, (await this.require(serverId, id)).version);
  }

  /**
   * One transaction per attempt: read the group, check If-Match, change members and/or attributes,
   * then write the new version. The group row is locked only by that last UPDATE, until the commit,
   * so concurrent member changes of one group do not wait for each other's whole transaction. A
   * change of attributes is conditional on the version read; without If-Match it is retried, the
   * last time under a row lock taken first, so it cannot lose again.
   */
  private async write(
    ctx: ScimContext,
    id: string,
    { ifMatch, projection }: Conditions,
    change: (current: GroupEntity, em: EntityManager) => Promise<GroupEntity | null>,
  ): Promise<ResourceResponse> {
    const { id: serverId, schemas } = ctx.tenant;
    return retryingWrite(async (locked) => {
      try {
        const updated = await this.dataSource.transaction(async (em) => {
          const current = locked
            ? await this.groups.lockById(serverId, id, em)
            : await this.groups.findById(serverId, id, em);
          if (!current) throw notFound(id);
          if (ifMatch !== undefined && !tagMatches(ifMatch, current.version))
            throw preconditionFailed(id, current.version);
          const result = await change(current, em);
          if (!result) throw new VersionConflict();
          return result;
        });
        return this.respond(schemas.groups, updated, projection);
      } catch (error) {
        // The group was deleted between the read and a member insert (its foreign key).
        if (isForeignKeyViolation(error, MEMBERS_GROUP_FK)) throw notFound(id);
        if (!(error instanceof VersionConflict)) throw error;
        if (ifMatch !== undefined || locked) throw preconditionFailed(id, (await this.require(serverId, id)).version);
        return undefined;
      }
    });
  }

  private respond(schemas: ResourceSchemas, group: GroupEntity, projection: Projection): ResourceResponse {
    const body = project(mapGroup(group, undefined, this.config.publicUrl), schemas, projection);
    return {
      body,
      version: group.version,
      location: resourceLocation(this.config.publicUrl, group.serverId, 'Groups', group.id),
      ...(isRequested('members', schemas, projection) && { streamed: this.streamed(body, group, projection) }),
    };
  }

  /** The group with its members read in keyset batches as the response is written. */
  private streamed(head: Record<string, unknown>, group: GroupEntity, projection: Projection): StreamedResource {
    return streamedGroup(head, group, this.config.publicUrl, projection, (after) =>
      this.groups.memberBatch(group.serverId, group.id, after, MEMBER_BATCH),
    );
  }

  private async require(serverId: string, id: string): Promise<GroupEntity> {
    const group = await this.groups.findById(serverId, id);
    if (!group) throw notFound(id);
    return group;
  }
}

/**
 * Which users a PATCH's member operations can move in or out of a role: the members added or removed
 * by id (`ids`), or — for a rename, replace-all, remove-all or a filter other than `value eq` — everyone
 * under the group before and after (`whole`).
 */
function affectedMembers(
  deferred: readonly DeferredOperation[],
  attributesChanged: boolean,
): { ids: string[]; whole: boolean } {
  const ids: string[] = [];
  let whole = attributesChanged;
  for (const operation of deferred) {
    if (operation.op === 'add' || (operation.op === 'remove' && operation.values))
      ids.push(...memberIdsOf(operation.values ?? []));
    else if (operation.op === 'remove' && operation.filter) {
      const byId = memberIdsOfFilter(operation.filter);
      if (byId) ids.push(...byId);
      else whole = true;
    } else whole = true;
  }
  return { ids: [...new Set(ids)], whole };
}

/** Equal as JSON (the PATCH engine's copies need not share the input's prototypes). */
function sameJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}

function notFound(id: string): ScimError {
  return ScimError.notFound(`Group ${id} not found`);
}
