import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUuid } from '../common/uuid';
import { addEdges, EdgeChange, MembershipsRepository, removeEdges } from '../memberships/memberships.repository';
import { ScimError } from '../scim/errors/scim-error';
import { DeferredOperation } from '../scim/patch';
import { GROUP_SCHEMA } from '../scim/schemas';
import { compileFilter } from '../scim/sql/compile-filter';
import { SqlParams } from '../scim/sql/params';
import { MemberType } from '../memberships/entities/group-member.entity';
import { ScimContext } from '../tenancy/scim-context';
import { MEMBER_STORAGE } from './group-storage';

const MEMBERS = GROUP_SCHEMA.attributes.find((a) => a.name === 'members')!;
const MEMBER_CONTEXT = {
  core: { ...GROUP_SCHEMA, id: 'urn:scimd:members', attributes: MEMBERS.subAttributes ?? [] },
  extensions: [],
};

/**
 * Thrown when groups would be added as members outside a transaction: the cycle check needs the
 * nesting lock held until the edges commit. The one-statement PATCH then takes the transactional path.
 */
export class NestingNeedsTransaction extends Error {
  constructor() {
    super('Adding member groups needs a transaction (the nesting lock is held until it commits)');
  }
}

/**
 * Changes one group's membership in SQL, one edge at a time: never by loading the member list.
 * Members must be Users or Groups of the same server; a group may not contain itself, even indirectly.
 * Members that are neither are refused or, under the tenant's `unknownMembers: 'ignore'`, dropped and
 * noted in the request's leniency (`unknown-member-ignored`); under `memberDisplay: 'as-sent'` the
 * `display` (or `displayName`) sent with each added member is kept.
 */
@Injectable()
export class GroupMembersService {
  constructor(private readonly memberships: MembershipsRepository) {}

  /**
   * The statements of one PATCH member operation, in order: `add` and `remove` (by filter, by values,
   * or all) are one statement each, `replace` two (remove the others, add the new). The members are
   * checked first (Users or Groups of the server, no cycle); nothing has changed yet. Adding groups
   * needs `em` to be a transaction's (NestingNeedsTransaction otherwise): its nesting lock is taken.
   */
  async plan(
    ctx: ScimContext,
    groupId: string,
    operation: DeferredOperation,
    em: EntityManager,
  ): Promise<EdgeChange[]> {
    const serverId = ctx.tenant.id;
    switch (operation.op) {
      case 'add': {
        const values = operation.values ?? [];
        const added = addEdges(
          serverId,
          groupId,
          withDisplays(await this.resolve(ctx, groupId, idsOf(values, ctx), em), values, ctx),
        );
        return added ? [added] : [];
      }
      case 'replace':
        return this.replacement(ctx, groupId, operation.values ?? [], em);
      default: {
        if (operation.filter) {
          const params = new SqlParams(2);
          const condition = compileFilter(operation.filter, MEMBER_CONTEXT, MEMBER_STORAGE, params);
          return [removeEdges(serverId, groupId, { condition, params: params.values })];
        }
        if (!operation.values) return [removeEdges(serverId, groupId)];
        const ids = idsOf(operation.values, ctx);
        return ids.length > 0
          ? [removeEdges(serverId, groupId, { condition: 'm.member_id = ANY($3::uuid[])', params: [ids] })]
          : [];
      }
    }
  }

  /** Makes the membership exactly these members (PUT, PATCH replace); returns how many edges changed. */
  async replace(ctx: ScimContext, groupId: string, values: unknown[], em: EntityManager): Promise<number> {
    let changed = 0;
    for (const statement of await this.replacement(ctx, groupId, values, em))
      changed += await this.memberships.change(ctx.tenant.id, statement, em);
    return changed;
  }

  /** Adds these members (ids as sent, a new group's); returns how many were new. */
  async add(ctx: ScimContext, groupId: string, values: unknown[], em: EntityManager): Promise<number> {
    const serverId = ctx.tenant.id;
    return this.memberships.change(
      serverId,
      addEdges(serverId, groupId, withDisplays(await this.resolve(ctx, groupId, idsOf(values, ctx), em), values, ctx)),
      em,
    );
  }

  private async replacement(
    ctx: ScimContext,
    groupId: string,
    values: unknown[],
    em: EntityManager,
  ): Promise<EdgeChange[]> {
    const serverId = ctx.tenant.id;
    const members = await this.resolve(ctx, groupId, idsOf(values, ctx), em);
    const ids = members.map((m) => m.memberId);
    const others = removeEdges(serverId, groupId, { condition: 'NOT (m.member_id = ANY($3::uuid[]))', params: [ids] });
    const added = addEdges(serverId, groupId, withDisplays(members, values, ctx));
    return added ? [others, added] : [others];
  }

  private async resolve(
    ctx: ScimContext,
    groupId: string,
    ids: string[],
    em: EntityManager,
  ): Promise<{ memberId: string; memberType: MemberType }[]> {
    const serverId = ctx.tenant.id;
    const types = await this.memberships.memberTypes(serverId, ids, em);
    const members = ids.flatMap((memberId) => {
      const memberType = types.get(memberId);
      if (memberType) return [{ memberId, memberType }];
      if (ctx.tenant.scim.unknownMembers === 'ignore') {
        ctx.leniency.note('unknown-member-ignored');
        return [];
      }
      throw ScimError.badRequest('invalidValue', `Member ${memberId} is not a User or Group of this identity server`);
    });
    const nested = members.filter((m) => m.memberType === 'Group').map((m) => m.memberId);
    if (nested.includes(groupId))
      throw ScimError.badRequest('invalidValue', `Group ${groupId} cannot be a member of itself`);
    if (nested.length === 0) return members;
    // The cycle check holds only under the nesting lock, to the commit of the edges it allows.
    if (!em.queryRunner?.isTransactionActive) throw new NestingNeedsTransaction();
    await this.memberships.lockNesting(serverId, em);
    const cycle = await this.memberships.wouldCycle(serverId, groupId, nested, em);
    if (cycle)
      throw ScimError.badRequest(
        'invalidValue',
        `Adding group ${cycle} as a member would make a cycle: it already contains group ${groupId}`,
      );
    return members;
  }
}

/** Under memberDisplay "as-sent": each member with the `display` (or `displayName`) string sent with it. */
function withDisplays<M extends { memberId: string }>(
  members: M[],
  values: unknown[],
  ctx: ScimContext,
): (M & { display?: string })[] {
  if (ctx.tenant.scim.memberDisplay !== 'as-sent') return members;
  const sent = new Map<string, string>();
  for (const v of values) {
    const item = v as Record<string, unknown> | null;
    const display = item?.display ?? item?.displayName;
    if (typeof item?.value === 'string' && typeof display === 'string') sent.set(item.value.toLowerCase(), display);
  }
  return members.map((m) => (sent.has(m.memberId) ? { ...m, display: sent.get(m.memberId) } : m));
}

/** The member ids of `values`; under 'ignore', values that cannot be an id (`"string id 1"`) are dropped and noted. */
function idsOf(values: unknown[], ctx: ScimContext): string[] {
  const ids = values.flatMap((v, i) => {
    const value = (v as { value?: unknown } | null)?.value;
    if (isUuid(value)) return [value.toLowerCase()];
    if (ctx.tenant.scim.unknownMembers === 'ignore') {
      ctx.leniency.note('unknown-member-ignored');
      return [];
    }
    throw ScimError.badRequest(
      'invalidValue',
      `members[${i}].value must be the id of a User or Group of this identity server`,
    );
  });
  return [...new Set(ids)];
}
