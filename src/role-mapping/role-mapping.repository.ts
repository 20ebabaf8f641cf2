import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CompiledRoleMapping } from './compiled-role-mapping';
import { effectiveRoleSql } from './role-sql';

/**
 * The users whose role a change of the groups `$groups` can affect: their members, and with nested
 * rules (`$nested`) the members of member groups, downwards. Server is `$1`.
 */
function underGroups(groups: string, nested: string): string {
  return `WITH RECURSIVE down(id, kind) AS (
    SELECT m.member_id, m.member_type FROM scim_group_members m WHERE m.server_id = $1 AND m.group_id = ANY(${groups}::uuid[])
    UNION
    SELECT m.member_id, m.member_type FROM down d JOIN scim_group_members m ON m.server_id = $1 AND m.group_id = d.id
     WHERE d.kind = 'Group' AND ${nested}::boolean)
  SELECT id FROM down WHERE kind = 'User'`;
}
const UNDER_GROUPS = underGroups('$4', '$5');

/**
 * Recomputes stored effective roles in SQL, in the caller's transaction, never loading members into
 * Node: one UPDATE per change, touching (and re-versioning) only the users whose role changes.
 */
@Injectable()
export class RoleMappingRepository {
  constructor(private readonly dataSource: DataSource) {}

  private static readonly SET = `effective_role = ${effectiveRoleSql('r.data', 'r.id', '$1', '$2', '$3')}`;
  private static readonly CHANGED = `r.effective_role IS DISTINCT FROM ${effectiveRoleSql('r.data', 'r.id', '$1', '$2', '$3')}`;

  /** Every user of the server (after a change of the rules). */
  async recomputeAll(serverId: string, mapping: CompiledRoleMapping, em: EntityManager): Promise<number> {
    return this.update(em, 'TRUE', [serverId, mapping.rules, mapping.defaultRole]);
  }

  /** The users among `ids` and, for groups among them, the users under those groups (nested rules only). */
  async recomputeMembers(
    serverId: string,
    ids: readonly string[],
    mapping: CompiledRoleMapping,
    em: EntityManager,
  ): Promise<number> {
    if (ids.length === 0) return 0;
    return this.update(em, `(r.id = ANY($4::uuid[]) OR r.id IN (${UNDER_GROUPS}))`, [
      serverId,
      mapping.rules,
      mapping.defaultRole,
      ids,
      mapping.nested,
    ]);
  }

  /** The users under these groups (directly, or through nested groups when a rule is nested). */
  async recomputeUnderGroups(
    serverId: string,
    groupIds: readonly string[],
    mapping: CompiledRoleMapping,
    em: EntityManager,
  ): Promise<number> {
    return this.update(em, `r.id IN (${UNDER_GROUPS})`, [
      serverId,
      mapping.rules,
      mapping.defaultRole,
      groupIds,
      mapping.nested,
    ]);
  }

  /**
   * Remembers, for the rest of the transaction, the users now under these groups: a change that removes
   * memberships (PUT, replace or remove all members, delete) must recompute them afterwards although
   * they are no longer found through the group. Kept in a temporary table, emptied at commit.
   */
  async rememberUnderGroups(
    serverId: string,
    groupIds: readonly string[],
    mapping: CompiledRoleMapping,
    em: EntityManager,
  ): Promise<void> {
    await em.query('CREATE TEMP TABLE IF NOT EXISTS scimd_role_recompute (id uuid PRIMARY KEY) ON COMMIT DELETE ROWS');
    await em.query(`INSERT INTO scimd_role_recompute (id) ${underGroups('$2', '$3')} ON CONFLICT DO NOTHING`, [
      serverId,
      groupIds,
      mapping.nested,
    ]);
  }

  /** The users remembered by {@link rememberUnderGroups}. */
  async recomputeRemembered(serverId: string, mapping: CompiledRoleMapping, em: EntityManager): Promise<number> {
    return this.update(em, 'r.id IN (SELECT id FROM scimd_role_recompute)', [
      serverId,
      mapping.rules,
      mapping.defaultRole,
    ]);
  }

  /** How many users of the server have each effective role (index-only: server_id, effective_role). */
  async counts(serverId: string): Promise<Record<string, number>> {
    const rows: { role: string | null; n: string }[] = await this.dataSource.query(
      'SELECT effective_role AS role, count(*) AS n FROM scim_users WHERE server_id = $1 GROUP BY effective_role ORDER BY effective_role',
      [serverId],
    );
    return Object.fromEntries(rows.filter((r) => r.role !== null).map((r) => [r.role, Number(r.n)]));
  }

  /** One user's stored role (null when the user is not the server's). */
  async userRole(
    serverId: string,
    userId: string,
  ): Promise<{ id: string; userName: string; active: boolean; role: string | null } | null> {
    const rows: { id: string; user_name: string; active: boolean; effective_role: string | null }[] =
      await this.dataSource.query(
        'SELECT id, user_name, active, effective_role FROM scim_users WHERE server_id = $1 AND id = $2',
        [serverId, userId],
      );
    return rows[0]
      ? { id: rows[0].id, userName: rows[0].user_name, active: rows[0].active, role: rows[0].effective_role }
      : null;
  }

  private async update(em: EntityManager, where: string, params: unknown[]): Promise<number> {
    const [, affected]: [unknown, number] = await em.query(
      `UPDATE scim_users r SET ${RoleMappingRepository.SET}, version = r.version + 1, updated_at = clock_timestamp()
        WHERE r.server_id = $1 AND ${where} AND ${RoleMappingRepository.CHANGED}`,
      params,
    );
    return affected;
  }
}
