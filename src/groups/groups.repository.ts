import { Injectable } from '@nestjs/common';
import { requireServerId } from '../common/server-id';
import { DataSource, EntityManager } from 'typeorm';
import { runPrepared } from '../database/prepared';
import { EdgeChange, MembershipsRepository } from '../memberships/memberships.repository';
import { ResourceSearch, searchTable, SearchResult } from '../database/search-table';
import { MemberType } from '../memberships/entities/group-member.entity';
import { GroupEntity } from './entities/group.entity';
import { GroupColumns } from './group-document';

const COLUMNS = 'r.id, r.server_id, r.display_name, r.external_id, r.version, r.data, r.created_at, r.updated_at';

/** Membership rows with the members' display names (as sent under memberDisplay "as-sent", else users' or groups'). */
const MEMBERS_FROM = `SELECT m.group_id AS "groupId", m.member_id AS "memberId", m.member_type AS "memberType",
       COALESCE(m.display, u.display_name, u.user_name, g.display_name) AS display
  FROM scim_group_members m
  LEFT JOIN scim_users u ON m.member_type = 'User' AND u.server_id = m.server_id AND u.id = m.member_id
  LEFT JOIN scim_groups g ON m.member_type = 'Group' AND g.server_id = m.server_id AND g.id = m.member_id`;

export interface MemberRow {
  groupId: string;
  memberId: string;
  memberType: MemberType;
  display: string | null;
}

/** Groups of one identity server: every method takes the server id. */
@Injectable()
export class GroupsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipsRepository,
  ) {}

  async insert(serverId: string, group: GroupEntity, em: EntityManager): Promise<void> {
    requireServerId(serverId);
    await em.getRepository(GroupEntity).insert({ ...group, serverId });
  }

  async findById(
    serverId: string,
    id: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<GroupEntity | null> {
    requireServerId(serverId);
    const { rows } = await runPrepared<GroupRow>(
      em,
      `SELECT ${COLUMNS} FROM scim_groups r WHERE r.server_id = $1 AND r.id = $2`,
      [serverId, id],
    );
    return rows.length > 0 ? rowToGroup(rows[0]) : null;
  }

  /** The group, locked until the caller's transaction ends: writers of one group take turns. */
  async lockById(serverId: string, id: string, em: EntityManager): Promise<GroupEntity | null> {
    requireServerId(serverId);
    const { rows } = await runPrepared<GroupRow>(
      em,
      `SELECT ${COLUMNS} FROM scim_groups r WHERE r.server_id = $1 AND r.id = $2 FOR UPDATE`,
      [serverId, id],
    );
    return rows.length > 0 ? rowToGroup(rows[0]) : null;
  }

  search(serverId: string, search: ResourceSearch): Promise<SearchResult<GroupEntity>> {
    requireServerId(serverId);
    return searchTable(this.dataSource, { table: 'scim_groups', columns: COLUMNS }, serverId, search, rowToGroup);
  }

  /**
   * Writes new attributes (or, with `columns` undefined, only bumps the version after a membership
   * change) if the row is still at `expectedVersion`. Null when it is gone or was changed meanwhile.
   */
  async update(
    serverId: string,
    id: string,
    expectedVersion: number,
    columns: GroupColumns | undefined,
    em: EntityManager,
  ): Promise<GroupEntity | null> {
    requireServerId(serverId);
    const set = columns ? 'display_name = $4, external_id = $5, data = $6, lookup_keys = $7, ' : '';
    const values = columns
      ? [serverId, id, expectedVersion, columns.displayName, columns.externalId, columns.data, columns.lookupKeys]
      : [serverId, id, expectedVersion];
    const { rows } = await runPrepared<GroupRow>(
      em,
      `UPDATE scim_groups r SET ${set}version = r.version + 1, updated_at = clock_timestamp()
        WHERE r.server_id = $1 AND r.id = $2 AND r.version = $3 RETURNING ${COLUMNS}`,
      values,
    );
    return rows.length > 0 ? rowToGroup(rows[0]) : null;
  }

  /**
   * One statement: the edge change, and a new version if it changed any edge (then the group's row,
   * else null). Atomic on its own; the group row is locked only while it commits.
   */
  async changeMembers(serverId: string, id: string, edges: EdgeChange): Promise<GroupEntity | null> {
    requireServerId(serverId);
    const { rows } = await runPrepared<GroupRow>(
      this.dataSource,
      `WITH e AS (${edges.sql}),
            g AS (UPDATE scim_groups r SET version = r.version + 1, updated_at = clock_timestamp()
                   WHERE r.server_id = $1 AND r.id = $2 AND EXISTS (SELECT 1 FROM e) RETURNING ${COLUMNS})
       SELECT * FROM g`,
      edges.values,
    );
    return rows.length > 0 ? rowToGroup(rows[0]) : null;
  }

  /**
   * A new version after a membership change, whatever the version is now (the row is locked only
   * from here to the commit, so concurrent member changes of one group hardly wait). Null when the
   * group is gone.
   */
  async bumpVersion(serverId: string, id: string, em: EntityManager): Promise<GroupEntity | null> {
    requireServerId(serverId);
    const { rows } = await runPrepared<GroupRow>(
      em,
      `UPDATE scim_groups r SET version = r.version + 1, updated_at = clock_timestamp() WHERE r.server_id = $1 AND r.id = $2 RETURNING ${COLUMNS}`,
      [serverId, id],
    );
    return rows.length > 0 ? rowToGroup(rows[0]) : null;
  }

  /** One batch of a group's members after `afterMemberId`, in member id order (keyset: constant cost per batch). */
  async memberBatch(
    serverId: string,
    groupId: string,
    afterMemberId: string | undefined,
    limit: number,
  ): Promise<MemberRow[]> {
    requireServerId(serverId);
    return this.dataSource.query(
      `${MEMBERS_FROM} WHERE m.server_id = $1 AND m.group_id = $2 AND ($3::uuid IS NULL OR m.member_id > $3::uuid)
        ORDER BY m.member_id LIMIT ${Math.trunc(limit)}`,
      [serverId, groupId, afterMemberId ?? null],
    );
  }

  /** Deletes the group, its memberships and its membership in other groups; false if absent or not at `version`. */
  async delete(serverId: string, id: string, version: number | undefined, em: EntityManager): Promise<boolean> {
    requireServerId(serverId);
    const [rows]: [{ id: string }[], number] = await em.query(
      'DELETE FROM scim_groups r WHERE r.server_id = $1 AND r.id = $2 AND ($3::int IS NULL OR r.version = $3) RETURNING r.id',
      [serverId, id, version ?? null],
    );
    if (rows.length === 0) return false;
    await this.memberships.removeFromAllGroups(serverId, id, em);
    return true;
  }
}

interface GroupRow {
  id: string;
  server_id: string;
  display_name: string;
  external_id: string | null;
  version: number;
  data: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

function rowToGroup(row: GroupRow): GroupEntity {
  return {
    id: row.id,
    serverId: row.server_id,
    displayName: row.display_name,
    externalId: row.external_id,
    version: row.version,
    data: row.data,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
