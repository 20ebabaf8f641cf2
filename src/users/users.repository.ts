import { Injectable } from '@nestjs/common';
import { requireServerId } from '../common/server-id';
import { DataSource, EntityManager } from 'typeorm';
import { DirectGroup, MembershipsRepository, USER_DIRECT_GROUPS } from '../memberships/memberships.repository';
import { runPrepared } from '../database/prepared';
import { ResourceSearch, searchTable, SearchResult } from '../database/search-table';
import { UserEntity } from './entities/user.entity';
import { UserColumns } from './user-document';
import { effectiveRoleSql } from '../role-mapping/role-sql';

/** The role mapping a write applies: its rules as jsonb text and the default role (null: none). */
export interface RoleInputs {
  rules: string;
  defaultRole: string | null;
}

const COLUMNS =
  'r.id, r.server_id, r.user_name, r.external_id, r.display_name, r.active, r.password_hash, r.effective_role, r.version, r.data, r.created_at, r.updated_at';
const GROUPS_COLUMN = `${USER_DIRECT_GROUPS} AS direct_groups`;
const WITH_GROUPS = `${COLUMNS}, ${GROUPS_COLUMN}`;
const columns = (withGroups: boolean): string => (withGroups ? WITH_GROUPS : COLUMNS);

/** A user as read, with its direct groups when they were asked for (one round trip for both). */
export type UserRecord = UserEntity & { directGroups?: DirectGroup[] };

/** Users of one identity server: every method takes the server id, and no query runs without it. */
/** What UsersRepository.update writes, and on which condition. */
export interface UserUpdate {
  /** The version the row must still be at (else nothing is written). */
  expectedVersion: number;
  values: UserColumns;
  /** A new password's hash; undefined keeps the stored one. */
  passwordHash: string | undefined;
  /** The tenant's compiled role mapping: the effective role is recomputed from the new document. */
  roles: RoleInputs;
  /** Read the user's direct groups with the row returned. */
  withGroups: boolean;
}

@Injectable()
export class UsersRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipsRepository,
  ) {}

  /** Inserts the user with its effective role computed from its document in the same statement; returns that role. */
  async insert(
    serverId: string,
    user: UserEntity,
    roles: RoleInputs,
    em: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    requireServerId(serverId);
    const { rows } = await runPrepared<{ effective_role: string | null }>(
      em,
      `INSERT INTO scim_users (id, server_id, user_name, external_id, display_name, active, password_hash, version, data, created_at, updated_at, lookup_keys, effective_role)
       VALUES ($2, $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $14, ${effectiveRoleSql('$9::jsonb', '$2::uuid', '$1::uuid', '$12', '$13')})
       RETURNING effective_role`,
      [
        serverId,
        user.id,
        user.userName,
        user.externalId,
        user.displayName,
        user.active,
        user.passwordHash,
        user.version,
        user.data,
        user.createdAt,
        user.updatedAt,
        roles.rules,
        roles.defaultRole,
        user.lookupKeys ?? null,
      ],
    );
    return rows[0]?.effective_role ?? null;
  }

  async findById(
    serverId: string,
    id: string,
    withGroups: boolean,
    em: EntityManager = this.dataSource.manager,
  ): Promise<UserRecord | null> {
    requireServerId(serverId);
    const { rows } = await runPrepared<UserRow>(
      em,
      `SELECT ${columns(withGroups)} FROM scim_users r WHERE r.server_id = $1 AND r.id = $2`,
      [serverId, id],
    );
    return rows.length > 0 ? rowToUser(rows[0]) : null;
  }

  /** The user, locked until the caller's transaction ends. */
  async lockById(serverId: string, id: string, em: EntityManager): Promise<UserEntity | null> {
    requireServerId(serverId);
    const rows = await em.query(`SELECT ${COLUMNS} FROM scim_users r WHERE r.server_id = $1 AND r.id = $2 FOR UPDATE`, [
      serverId,
      id,
    ]);
    return rows.length > 0 ? rowToUser(rows[0]) : null;
  }

  /** One page of the users matching `search.where`, and the exact count of all of them. */
  search(serverId: string, search: ResourceSearch, withGroups: boolean): Promise<SearchResult<UserRecord>> {
    requireServerId(serverId);
    const source = { table: 'scim_users', columns: COLUMNS, derived: withGroups ? GROUPS_COLUMN : undefined };
    return searchTable(this.dataSource, source, serverId, search, rowToUser);
  }

  /**
   * Writes new attribute values only if the row is still at `expectedVersion` (one statement: no
   * check-then-write), bumping the version, and recomputes the effective role from the new document
   * in the same statement. Null when the user is gone or was changed meanwhile.
   */
  async update(
    serverId: string,
    id: string,
    change: UserUpdate,
    em: EntityManager = this.dataSource.manager,
  ): Promise<UserRecord | null> {
    requireServerId(serverId);
    const { expectedVersion, values, passwordHash, roles, withGroups } = change;
    const { rows } = await runPrepared<UserRow>(
      em,
      `UPDATE scim_users r SET user_name = $4, external_id = $5, display_name = $6, active = $7, data = $8, lookup_keys = $12,
         password_hash = COALESCE($9, r.password_hash), version = r.version + 1, updated_at = clock_timestamp(),
         effective_role = ${effectiveRoleSql('$8::jsonb', 'r.id', '$1::uuid', '$10', '$11')}
       WHERE r.server_id = $1 AND r.id = $2 AND r.version = $3 RETURNING ${columns(withGroups)}`,
      [
        serverId,
        id,
        expectedVersion,
        values.userName,
        values.externalId,
        values.displayName,
        values.active,
        values.data,
        passwordHash ?? null,
        roles.rules,
        roles.defaultRole,
        values.lookupKeys,
      ],
    );
    return rows.length > 0 ? rowToUser(rows[0]) : null;
  }

  /** Deletes the user and its group memberships (one transaction, the caller's); false if absent or not at `version`. */
  async delete(serverId: string, id: string, version: number | undefined, em: EntityManager): Promise<boolean> {
    requireServerId(serverId);
    const [rows]: [{ id: string }[], number] = await em.query(
      'DELETE FROM scim_users r WHERE r.server_id = $1 AND r.id = $2 AND ($3::int IS NULL OR r.version = $3) RETURNING r.id',
      [serverId, id, version ?? null],
    );
    if (rows.length === 0) return false;
    await this.memberships.removeFromAllGroups(serverId, id, em);
    return true;
  }

  /** Which of these ids are users of the server, with their display names. */
  async existing(
    serverId: string,
    ids: string[],
    em: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    requireServerId(serverId);
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await em.query(
      'SELECT r.id, COALESCE(r.display_name, r.user_name) AS name FROM scim_users r WHERE r.server_id = $1 AND r.id = ANY($2::uuid[])',
      [serverId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

interface UserRow {
  id: string;
  server_id: string;
  user_name: string;
  external_id: string | null;
  display_name: string | null;
  active: boolean;
  password_hash: string | null;
  effective_role: string | null;
  version: number;
  data: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  direct_groups?: DirectGroup[] | null;
}

function rowToUser(row: UserRow): UserRecord {
  const user: UserRecord = {
    id: row.id,
    serverId: row.server_id,
    userName: row.user_name,
    externalId: row.external_id,
    displayName: row.display_name,
    active: row.active,
    passwordHash: row.password_hash,
    effectiveRole: row.effective_role,
    version: row.version,
    data: row.data,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.direct_groups !== undefined) user.directGroups = row.direct_groups ?? [];
  return user;
}
