import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { requireServerId } from '../common/server-id';
import { runPrepared } from '../database/prepared';
import { MemberType } from './entities/group-member.entity';

export interface UserGroupRow {
  memberId: string;
  groupId: string;
  display: string;
  /** `direct` for a membership of the user itself, `indirect` through nested groups. */
  type: 'direct' | 'indirect';
}

/** A user's direct group, read with the user's row (USER_DIRECT_GROUPS). */
export interface DirectGroup {
  groupId: string;
  display: string;
  /** The group is itself a member of a group: the user has indirect groups through it. */
  nested: boolean;
}

/**
 * A column expression: the direct groups of the user row `r` as a JSON array (null when none), each
 * flagged when it is nested. Selected with the user so that reading a user with its groups is one
 * round trip. $1 is the identity server id.
 */
export const USER_DIRECT_GROUPS = `(SELECT json_agg(json_build_object('groupId', m.group_id, 'display', g.display_name,
         'nested', EXISTS (SELECT 1 FROM scim_group_members p WHERE p.server_id = $1 AND p.member_id = m.group_id))
         ORDER BY g.display_name, m.group_id)
    FROM scim_group_members m JOIN scim_groups g ON g.server_id = $1 AND g.id = m.group_id
   WHERE m.server_id = $1 AND m.member_id = r.id)`;

/**
 * Arbitrary constant: the first key of the advisory lock under which one identity server's groups gain
 * member groups (the second key is a hash of the server id; two-key locks do not share the single-key
 * locks' space).
 */
export const NESTING_LOCK = 7_243_314;

/**
 * The membership statements on the request path, exported so that the benchmark explains exactly
 * these. $1 is always the identity server id.
 */
export const MEMBERSHIP_SQL = {
  /** Direct groups of users ($2 user ids), each flagged when it is itself a member of a group. */
  directGroups: `SELECT m.member_id AS "memberId", m.group_id AS "groupId", g.display_name AS display, 'direct' AS type,
              EXISTS (SELECT 1 FROM scim_group_members p WHERE p.server_id = $1 AND p.member_id = m.group_id) AS nested
         FROM scim_group_members m JOIN scim_groups g ON g.server_id = $1 AND g.id = m.group_id
        WHERE m.server_id = $1 AND m.member_id = ANY($2::uuid[])
        ORDER BY m.member_id, g.display_name, m.group_id`,
  /** Direct and indirect groups of users ($2 user ids), through nested groups. */
  allGroups: `WITH RECURSIVE reach(member_id, group_id, indirect) AS (
         SELECT m.member_id, m.group_id, false FROM scim_group_members m
          WHERE m.server_id = $1 AND m.member_id = ANY($2::uuid[])
         UNION
         SELECT r.member_id, m.group_id, true FROM reach r
           JOIN scim_group_members m ON m.server_id = $1 AND m.member_id = r.group_id AND m.member_type = 'Group'
       )
       SELECT r.member_id AS "memberId", r.group_id AS "groupId", g.display_name AS display,
              CASE WHEN bool_and(r.indirect) THEN 'indirect' ELSE 'direct' END AS type
         FROM reach r JOIN scim_groups g ON g.server_id = $1 AND g.id = r.group_id
        GROUP BY r.member_id, r.group_id, g.display_name
        ORDER BY r.member_id, g.display_name, r.group_id`,
  /**
   * Which of the ids $2 are Users and which are Groups of the server (absent ones are neither), each
   * found row locked FOR KEY SHARE until the transaction ends — the lock a foreign key would take: the
   * ids are not one column's keys (a member is a user or a group), so there is none. A member deleted
   * meanwhile is either gone here (its delete committed first) or deleted after this transaction, whose
   * new edges its delete then removes (it deletes the row, waiting for this lock, before its edges).
   */
  memberTypes: `WITH users AS (SELECT u.id FROM scim_users u WHERE u.server_id = $1 AND u.id = ANY($2::uuid[]) FOR KEY SHARE),
            groups AS (SELECT g.id FROM scim_groups g WHERE g.server_id = $1 AND g.id = ANY($2::uuid[]) FOR KEY SHARE)
       SELECT id, 'User' AS type FROM users UNION ALL SELECT id, 'Group' AS type FROM groups`,
  /** Waits for the nesting lock of server $1, then holds it to the end of the transaction. */
  lockNesting: `SELECT pg_advisory_xact_lock(${NESTING_LOCK}, hashtext($1::text))`,
  /**
   * Adds members ($2 group, $3 member ids, $4 member types, $5 displays as sent or nulls) that are not
   * members yet — only those that still exist, each locked FOR KEY SHARE by this statement itself, so
   * that the edge and the lock are one: whatever ran before (a check in another statement, or none in
   * a transaction), a member deleted meanwhile is skipped (its delete committed first: the lock finds
   * the row gone) or its delete waits for this commit and then removes the edge.
   */
  add: `WITH live_users AS (SELECT u.id FROM scim_users u WHERE u.server_id = $1 AND u.id = ANY($3::uuid[]) FOR KEY SHARE),
            live_groups AS (SELECT g.id FROM scim_groups g WHERE g.server_id = $1 AND g.id = ANY($3::uuid[]) FOR KEY SHARE)
       INSERT INTO scim_group_members (group_id, member_id, server_id, member_type, display)
       SELECT $2, m.id, $1, m.type, m.display FROM unnest($3::uuid[], $4::varchar[], $5::text[]) AS m(id, type, display)
        WHERE (m.type = 'User' AND m.id IN (SELECT id FROM live_users)) OR (m.type = 'Group' AND m.id IN (SELECT id FROM live_groups))
       ON CONFLICT (group_id, member_id) DO NOTHING RETURNING member_id`,
};

/**
 * One statement that adds or removes membership edges of a group, returning one row per edge changed
 * ($1 server, $2 group): run alone, or inside a statement that also bumps the group's version.
 */
export interface EdgeChange {
  sql: string;
  values: unknown[];
}

/** Adds members that are not members yet; undefined when there are none to add. */
export function addEdges(
  serverId: string,
  groupId: string,
  members: { memberId: string; memberType: MemberType; display?: string }[],
): EdgeChange | undefined {
  if (members.length === 0) return undefined;
  return {
    sql: MEMBERSHIP_SQL.add,
    values: [
      serverId,
      groupId,
      members.map((m) => m.memberId),
      members.map((m) => m.memberType),
      members.map((m) => m.display ?? null),
    ],
  };
}

/** Removes the members matching `where` (an SQL condition over `m`, its parameters from $3), or all. */
export function removeEdges(
  serverId: string,
  groupId: string,
  where?: { condition: string; params: unknown[] },
): EdgeChange {
  const condition = where ? ` AND (${where.condition})` : '';
  return {
    sql: `DELETE FROM scim_group_members m WHERE m.server_id = $1 AND m.group_id = $2${condition} RETURNING m.member_id`,
    values: [serverId, groupId, ...(where?.params ?? [])],
  };
}

/**
 * Group membership edges (`scim_group_members`), shared by Users (the derived `groups` attribute) and
 * Groups (members). Every method takes the identity server id; nothing loads a whole membership list
 * to change one member.
 */
@Injectable()
export class MembershipsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The groups of each of these users, direct and through nested groups. One plain query answers when
   * none of the direct groups is itself a member of a group (the common case, and cheap to plan);
   * only then does the recursive query run.
   */
  async groupsOfUsers(serverId: string, userIds: string[]): Promise<UserGroupRow[]> {
    requireServerId(serverId);
    if (userIds.length === 0) return [];
    const direct: (UserGroupRow & { nested: boolean })[] = await this.dataSource.query(MEMBERSHIP_SQL.directGroups, [
      serverId,
      userIds,
    ]);
    if (!direct.some((row) => row.nested)) return direct.map(({ nested: _nested, ...row }) => row);
    return this.dataSource.query(MEMBERSHIP_SQL.allGroups, [serverId, userIds]);
  }

  /**
   * The groups of users whose direct groups were read with their rows (USER_DIRECT_GROUPS): no query
   * unless one of those groups is nested, then the recursive one.
   */
  async groupsOfLoaded(
    serverId: string,
    users: { id: string; directGroups: DirectGroup[] }[],
  ): Promise<UserGroupRow[]> {
    requireServerId(serverId);
    if (users.some((u) => u.directGroups.some((g) => g.nested))) {
      return this.dataSource.query(MEMBERSHIP_SQL.allGroups, [serverId, users.map((u) => u.id)]);
    }
    return users.flatMap((u) =>
      u.directGroups.map((g): UserGroupRow => ({
        memberId: u.id,
        groupId: g.groupId,
        display: g.display,
        type: 'direct',
      })),
    );
  }

  /** The type of each id that is a User or a Group of the server (one query for both tables). */
  async memberTypes(serverId: string, ids: string[], em: EntityManager): Promise<Map<string, MemberType>> {
    requireServerId(serverId);
    if (ids.length === 0) return new Map();
    const { rows } = await runPrepared<{ id: string; type: MemberType }>(em, MEMBERSHIP_SQL.memberTypes, [
      serverId,
      ids,
    ]);
    return new Map(rows.map((r) => [r.id, r.type]));
  }

  /** Adds members that are not members yet; returns how many were added. */
  add(
    serverId: string,
    groupId: string,
    members: { memberId: string; memberType: MemberType }[],
    em: EntityManager,
  ): Promise<number> {
    requireServerId(serverId);
    return this.change(serverId, addEdges(serverId, groupId, members), em);
  }

  /** Removes these members (or, with `ids` undefined, all); returns how many were removed. */
  async remove(serverId: string, groupId: string, ids: string[] | undefined, em: EntityManager): Promise<number> {
    requireServerId(serverId);
    if (ids !== undefined && ids.length === 0) return 0;
    return this.change(
      serverId,
      removeEdges(
        serverId,
        groupId,
        ids === undefined ? undefined : { condition: 'm.member_id = ANY($3::uuid[])', params: [ids] },
      ),
      em,
    );
  }

  /**
   * Removes `memberId` (a user or group being deleted, in the caller's transaction) from every group
   * of the server: its edges as a member. A deleted group's own members go with it (ON DELETE CASCADE).
   */
  async removeFromAllGroups(serverId: string, memberId: string, em: EntityManager): Promise<void> {
    requireServerId(serverId);
    await em.query('DELETE FROM scim_group_members m WHERE m.server_id = $1 AND m.member_id = $2', [
      serverId,
      memberId,
    ]);
  }

  /** Removes the members matching an SQL condition over `m` (a compiled `members[…]` filter). */
  removeWhere(
    serverId: string,
    groupId: string,
    condition: string,
    params: unknown[],
    em: EntityManager,
  ): Promise<number> {
    requireServerId(serverId);
    return this.change(serverId, removeEdges(serverId, groupId, { condition, params }), em);
  }

  /** Runs an edge change of the server's (its $1); returns how many edges it added or removed. */
  async change(serverId: string, statement: EdgeChange | undefined, em: EntityManager): Promise<number> {
    requireServerId(serverId);
    if (!statement) return 0;
    if (statement.values[0] !== serverId) throw new Error(`an edge change of another server than ${serverId}`);
    const { rowCount } = await runPrepared(em, statement.sql, statement.values);
    return rowCount ?? 0;
  }

  /**
   * Takes the server's nesting lock until the transaction of `em` ends. Every write that makes groups
   * members of a group takes it before its cycle check (wouldCycle), so the check — a statement run
   * after the lock is held, which under READ COMMITTED reads what committed before it — sees every
   * nesting of the server, and no other can commit until this transaction does: no interleaving of two
   * writers can close a cycle that neither saw. Nesting is rare; serialising it per server costs little.
   */
  async lockNesting(serverId: string, em: EntityManager): Promise<void> {
    requireServerId(serverId);
    await runPrepared(em, MEMBERSHIP_SQL.lockNesting, [serverId]);
  }

  /**
   * The first of `memberGroupIds` from which `groupId` is reachable through memberships (adding it would
   * make a cycle), or undefined. Sound only under the nesting lock (lockNesting), taken before.
   */
  async wouldCycle(
    serverId: string,
    groupId: string,
    memberGroupIds: string[],
    em: EntityManager,
  ): Promise<string | undefined> {
    requireServerId(serverId);
    if (memberGroupIds.length === 0) return undefined;
    const rows: { start: string }[] = await em.query(
      `WITH RECURSIVE down(start, group_id) AS (
         SELECT g, g FROM unnest($3::uuid[]) AS g
         UNION
         SELECT d.start, m.member_id FROM down d
           JOIN scim_group_members m ON m.server_id = $1 AND m.group_id = d.group_id AND m.member_type = 'Group'
       )
       SELECT start FROM down WHERE group_id = $2 LIMIT 1`,
      [serverId, groupId, memberGroupIds],
    );
    return rows[0]?.start;
  }
}
