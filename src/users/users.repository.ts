import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GroupMemberEntity } from '../groups/entities/group-member.entity';
import { UserEntity } from './entities/user.entity';

/** Users of one identity server: every method takes the server id, and no query runs without it. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(serverId: string, user: UserEntity, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.getRepository(UserEntity).insert({ ...user, serverId });
  }

  findById(serverId: string, id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ serverId, id });
  }

  /** One page in creation order (id breaks ties), plus the exact total. */
  async page(serverId: string, offset: number, limit: number): Promise<{ rows: UserEntity[]; total: number }> {
    const repo = this.dataSource.getRepository(UserEntity);
    const [rows, total] = await Promise.all([
      limit === 0 ? Promise.resolve([]) : repo.find({ where: { serverId }, order: { createdAt: 'ASC', id: 'ASC' }, skip: offset, take: limit }),
      repo.countBy({ serverId }),
    ]);
    return { rows, total };
  }

  /** Deletes the user and its group memberships (one transaction, the caller's). */
  async delete(serverId: string, id: string, em: EntityManager): Promise<boolean> {
    await em.getRepository(GroupMemberEntity).delete({ serverId, memberId: id });
    const result = await em.getRepository(UserEntity).delete({ serverId, id });
    return (result.affected ?? 0) > 0;
  }

  /** Which of these ids are users of the server. */
  async existing(serverId: string, ids: string[], em: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await em
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .select(['u.id', 'u.userName', 'u.displayName'])
      .where('u.server_id = :serverId AND u.id IN (:...ids)', { serverId, ids })
      .getMany();
    return new Map(rows.map((r) => [r.id, r.displayName ?? r.userName]));
  }
}
