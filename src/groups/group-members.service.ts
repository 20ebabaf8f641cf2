import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUuid } from '../common/uuid';
import { MembershipsRepository } from '../memberships/memberships.repository';
import { ScimError } from '../scim/errors/scim-error';
import { Filter } from '../scim/filter';
import { GROUP_SCHEMA } from '../scim/schemas';
import { compileFilter } from '../scim/sql/compile-filter';
import { SqlParams } from '../scim/sql/params';
import { MemberType } from './entities/group-member.entity';
import { MEMBER_STORAGE } from './group-storage';

const MEMBERS = GROUP_SCHEMA.attributes.find((a) => a.name === 'members')!;
const MEMBER_CONTEXT = { core: { ...GROUP_SCHEMA, id: 'urn:scimd:members', attributes: MEMBERS.subAttributes ?? [] }, extensions: [] };

/**
 * Changes one group's membership in SQL, one edge at a time: never by loading the member list.
 * Members must be Users or Groups of the same server; a group may not contain itself, even indirectly.
 */
@Injectable()
export class GroupMembersService {
  constructor(private readonly memberships: MembershipsRepository) {}

  /** Adds these members (ids as sent); returns how many were new. */
  async add(serverId: string, groupId: string, values: unknown[], em: EntityManager): Promise<number> {
    const members = await this.resolve(serverId, groupId, idsOf(values), em);
    return this.memberships.add(serverId, groupId, members, em);
  }

  /** Makes the membership exactly these members; returns how many edges changed. */
  async replace(serverId: string, groupId: string, values: unknown[], em: EntityManager): Promise<number> {
    const ids = idsOf(values);
    const members = await this.resolve(serverId, groupId, ids, em);
    const removed = await this.memberships.removeWhere(serverId, groupId, 'NOT (m.member_id = ANY($3::uuid[]))', [ids], em);
    return removed + (await this.memberships.add(serverId, groupId, members, em));
  }

  async removeValues(serverId: string, groupId: string, values: unknown[], em: EntityManager): Promise<number> {
    return this.memberships.remove(serverId, groupId, idsOf(values), em);
  }

  /** `members[type eq "User"]`, `members[value eq "…"]`: removes the matching edges. */
  async removeMatching(serverId: string, groupId: string, filter: Filter, em: EntityManager): Promise<number> {
    const params = new SqlParams(2);
    const condition = compileFilter(filter, MEMBER_CONTEXT, MEMBER_STORAGE, params);
    return this.memberships.removeWhere(serverId, groupId, condition, params.values, em);
  }

  async removeAll(serverId: string, groupId: string, em: EntityManager): Promise<number> {
    return this.memberships.remove(serverId, groupId, undefined, em);
  }

  private async resolve(serverId: string, groupId: string, ids: string[], em: EntityManager): Promise<{ memberId: string; memberType: MemberType }[]> {
    const types = await this.memberships.memberTypes(serverId, ids, em);
    const members = ids.map((memberId) => {
      const memberType = types.get(memberId);
      if (memberType) return { memberId, memberType };
      throw ScimError.badRequest('invalidValue', `Member ${memberId} is not a User or Group of this identity server`);
    });
    const nested = members.filter((m) => m.memberType === 'Group').map((m) => m.memberId);
    if (nested.includes(groupId)) throw ScimError.badRequest('invalidValue', `Group ${groupId} cannot be a member of itself`);
    const cycle = await this.memberships.wouldCycle(serverId, groupId, nested, em);
    if (cycle) throw ScimError.badRequest('invalidValue', `Adding group ${cycle} as a member would make a cycle: it already contains group ${groupId}`);
    return members;
  }
}

function idsOf(values: unknown[]): string[] {
  const ids = values.map((v, i) => {
    const value = (v as { value?: unknown } | null)?.value;
    if (!isUuid(value)) throw ScimError.badRequest('invalidValue', `members[${i}].value must be the id of a User or Group of this identity server`);
    return value.toLowerCase();
  });
  return [...new Set(ids)];
}
