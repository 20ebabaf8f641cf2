import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { UserEntity } from '../users/entities/user.entity';
import { GroupMemberEntity, MemberType } from './entities/group-member.entity';
import { GroupEntity } from './entities/group.entity';

export interface MemberRow {
  groupId: string;
  memberId: string;
  memberType: MemberType;
  display: string | null;
}

/** Groups and memberships of one identity server: every method takes the server id. */
@Injectable()
export class GroupsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(serverId: string, group: GroupEntity, members: { memberId: string; memberType: MemberType }[], em: EntityManager): Promise<void> {
    await em.getRepository(GroupEntity).insert({ ...group, serverId });
    if (members.length > 0) {
      await em.getRepository(GroupMemberEntity).insert(members.map((m) => ({ ...m, serverId, groupId: group.id })));
    }
  }

  findById(serverId: string, id: string): Promise<GroupEntity | null> {
    return this.dataSource.getRepository(GroupEntity).findOneBy({ serverId, id });
  }

  async page(serverId: string, offset: number, limit: number): Promise<{ rows: GroupEntity[]; total: number }> {
    const repo = this.dataSource.getRepository(GroupEntity);
    const [rows, total] = await Promise.all([
      limit === 0 ? Promise.resolve([]) : repo.find({ where: { serverId }, order: { createdAt: 'ASC', id: 'ASC' }, skip: offset, take: limit }),
      repo.countBy({ serverId }),
    ]);
    return { rows, total };
  }

  /** Members of the given groups with their display names (users' or groups'), in one query. */
  async membersOf(serverId: string, groupIds: string[]): Promise<MemberRow[]> {
    if (groupIds.length === 0) return [];
    return this.dataSource
      .createQueryBuilder()
      .select(['m.group_id AS "groupId"', 'm.member_id AS "memberId"', 'm.member_type AS "memberType"'])
      .addSelect('COALESCE(u.display_name, u.user_name, g.display_name)', 'display')
      .from(GroupMemberEntity, 'm')
      .leftJoin(UserEntity, 'u', `m.member_type = 'User' AND u.id = m.member_id AND u.server_id = m.server_id`)
      .leftJoin(GroupEntity, 'g', `m.member_type = 'Group' AND g.id = m.member_id AND g.server_id = m.server_id`)
      .where('m.server_id = :serverId AND m.group_id IN (:...groupIds)', { serverId, groupIds })
      .orderBy('m.group_id')
      .addOrderBy('m.member_id')
      .getRawMany<MemberRow>();
  }

  /** Which of these ids are groups of the server. */
  async existing(serverId: string, ids: string[], em: EntityManager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await em.getRepository(GroupEntity).find({ select: { id: true }, where: { serverId, id: In(ids) } });
    return new Set(rows.map((r) => r.id));
  }

  /** Deletes the group, its memberships and its membership in other groups (the caller's transaction). */
  async delete(serverId: string, id: string, em: EntityManager): Promise<boolean> {
    await em.getRepository(GroupMemberEntity).delete({ serverId, memberId: id });
    const result = await em.getRepository(GroupEntity).delete({ serverId, id });
    return (result.affected ?? 0) > 0;
  }
}
