import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { InjectConfig, AppConfig } from '../config/config.module';
import { ScimError } from '../scim/errors/scim-error';
import { Page } from '../scim/messages/list-response';
import { PageRequest } from '../scim-http/paging';
import { UsersRepository } from '../users/users.repository';
import { MemberType } from './entities/group-member.entity';
import { GroupEntity } from './entities/group.entity';
import { parseGroupInput } from './group-input';
import { GroupsRepository } from './groups.repository';
import { mapGroup, ScimGroup } from './mappers/group.mapper';

@Injectable()
export class GroupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: GroupsRepository,
    private readonly users: UsersRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async create(serverId: string, body: unknown): Promise<ScimGroup> {
    const input = parseGroupInput(body);
    const now = new Date();
    const group: GroupEntity = {
      id: randomUUID(),
      serverId,
      displayName: input.displayName,
      externalId: input.externalId,
      version: 1,
      data: input.data,
      createdAt: now,
      updatedAt: now,
    };
    await this.dataSource.transaction(async (em) => {
      const members = await this.resolveMembers(serverId, input.memberIds, em);
      await this.groups.insert(serverId, group, members, em);
    });
    return this.get(serverId, group.id);
  }

  async get(serverId: string, id: string): Promise<ScimGroup> {
    const group = await this.groups.findById(serverId, id);
    if (!group) throw notFound(id);
    return mapGroup(group, await this.groups.membersOf(serverId, [id]), this.config.publicUrl);
  }

  async list(serverId: string, paging: PageRequest): Promise<Page<ScimGroup>> {
    const { rows, total } = await this.groups.page(serverId, paging.startIndex - 1, paging.count);
    const members = await this.groups.membersOf(serverId, rows.map((g) => g.id));
    return {
      resources: rows.map((g) => mapGroup(g, members.filter((m) => m.groupId === g.id), this.config.publicUrl)),
      totalResults: total,
      startIndex: paging.startIndex,
      itemsPerPage: rows.length,
    };
  }

  async delete(serverId: string, id: string): Promise<void> {
    const deleted = await this.dataSource.transaction((em) => this.groups.delete(serverId, id, em));
    if (!deleted) throw notFound(id);
  }

  /** Every member must be a User or Group of this server; its type is what it is, not what was sent. */
  private async resolveMembers(serverId: string, ids: string[], em: EntityManager): Promise<{ memberId: string; memberType: MemberType }[]> {
    const [users, groups] = await Promise.all([this.users.existing(serverId, ids, em), this.groups.existing(serverId, ids, em)]);
    return ids.map((memberId) => {
      if (users.has(memberId)) return { memberId, memberType: 'User' as const };
      if (groups.has(memberId)) return { memberId, memberType: 'Group' as const };
      throw ScimError.badRequest('invalidValue', `Member ${memberId} is not a User or Group of this identity server`);
    });
  }
}

function notFound(id: string): ScimError {
  return ScimError.notFound(`Group ${id} not found`);
}
