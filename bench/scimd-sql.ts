/**
 * The SQL scimd runs for the benchmarked operations. The WHERE and ORDER BY of list requests are
 * produced by scimd's own compilers, loaded from the copy of its build the bench runs (dist-bench/scimd/, see
 * processes.ts snapshotBuild), so the EXPLAIN plans are those of
 * the current code; the statement around them mirrors src/users/users.repository.ts and
 * src/memberships/memberships.repository.ts. When the compilers cannot be loaded (the code is being
 * changed), an equivalent hand-written shape is used and the report says so.
 */
import { join } from 'node:path';

export const USER_COLUMNS =
  'r.id, r.server_id, r.user_name, r.external_id, r.display_name, r.active, r.password_hash, r.version, r.data, r.created_at, r.updated_at';

/** A WHERE condition over `scim_users r` whose placeholders start at $2 ($1 is the server id). */
export interface CompiledCondition {
  sql: string;
  values: unknown[];
  /** 'scimd' when compiled by scimd's code, else why the hand-written shape is used. */
  source: string;
}

interface SqlParamsLike {
  values: unknown[];
}
interface FilterModule {
  parseFilter(text: string): unknown;
}
interface CompileFilterModule {
  compileFilter(filter: unknown, ctx: unknown, storage: unknown, params: SqlParamsLike): string;
}
interface ParamsModule {
  SqlParams: new (offset?: number) => SqlParamsLike;
}
interface SortKey {
  expr: string;
  cast: string;
}
/** compile-sort.js: `sortKeyOf` + `compileSort(key, order, storage)`, or (older) `compileSort(path, order, ctx, storage, fallback)`. */
interface SortModule {
  sortKeyOf?: (path: undefined, ctx: unknown, storage: unknown, fallback: SortKey) => SortKey;
  compileSort(...args: unknown[]): string;
}
interface UserStorageModule {
  USER_CONTEXT: unknown;
  USER_STORAGE: unknown;
}
interface GroupStorageModule {
  MEMBER_STORAGE: unknown;
}
interface SchemasModule {
  GROUP_SCHEMA: { attributes: { name: string; subAttributes?: unknown[] }[] };
}

interface Compilers {
  filter: FilterModule;
  compile: CompileFilterModule;
  params: ParamsModule;
  sort: SortModule;
  users: UserStorageModule;
  groups: GroupStorageModule;
  schemas: SchemasModule;
  memberships: MembershipsModule;
  search: SearchTableModule;
}
interface SearchTableModule {
  pageStatement(page: {
    table: string;
    columns: string;
    where: string;
    orderBy: string;
    limit: number;
    offset: number;
    derived?: string;
  }): string;
}

let loaded: Compilers | Error | undefined;

/**
 * Loads scimd's compilers from its build now (call it right after the build: others may rebuild
 * dist/ later); returns why they could not be loaded, if so.
 */
export function loadCompilers(distDir: string): string | undefined {
  const c = compilers(distDir);
  return c instanceof Error ? c.message : undefined;
}

function compilers(distDir: string): Compilers | Error {
  if (loaded !== undefined) return loaded;
  try {
    // The kernel modules of the build under test, loaded by path at run time (the bench compiles apart from src/).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = <T>(path: string): T => require(join(distDir, path)) as T;
    loaded = {
      filter: load<FilterModule>('scim/filter/index.js'),
      compile: load<CompileFilterModule>('scim/sql/compile-filter.js'),
      params: load<ParamsModule>('scim/sql/params.js'),
      sort: load<SortModule>('scim/sql/compile-sort.js'),
      users: load<UserStorageModule>('users/user-storage.js'),
      groups: load<GroupStorageModule>('groups/group-storage.js'),
      schemas: load<SchemasModule>('scim/schemas/index.js'),
      memberships: load<MembershipsModule>('memberships/memberships.repository.js'),
      search: load<SearchTableModule>('database/search-table.js'),
    };
  } catch (error) {
    loaded = error instanceof Error ? error : new Error(String(error));
  }
  return loaded;
}

function fallback(error: unknown, sql: string, values: unknown[]): CompiledCondition {
  return {
    sql,
    values,
    source: `hand-written equivalent (scimd's compiler failed: ${error instanceof Error ? error.message : String(error)})`,
  };
}

/** scimd's SQL condition for a Users filter; `handWritten` is the equivalent shape, used as fallback. */
export function userFilter(distDir: string, filter: string, handWritten: string, values: unknown[]): CompiledCondition {
  const c = compilers(distDir);
  if (c instanceof Error) return fallback(c, handWritten, values);
  try {
    const params = new c.params.SqlParams(1);
    const sql = c.compile.compileFilter(
      c.filter.parseFilter(filter),
      c.users.USER_CONTEXT,
      c.users.USER_STORAGE,
      params,
    );
    return { sql, values: params.values, source: 'scimd' };
  } catch (error) {
    return fallback(error, handWritten, values);
  }
}

/** scimd's ORDER BY for an unsorted Users list. */
export function userDefaultOrder(distDir: string): { sql: string; source: string } {
  const handWritten = 'r.created_at ASC, r.id ASC';
  const c = compilers(distDir);
  if (c instanceof Error) return fallback(c, handWritten, []);
  try {
    const { sortKeyOf, compileSort } = c.sort;
    const sql = sortKeyOf
      ? compileSort(
          sortKeyOf(undefined, c.users.USER_CONTEXT, c.users.USER_STORAGE, {
            expr: 'r.created_at',
            cast: 'timestamptz',
          }),
          'ascending',
          c.users.USER_STORAGE,
        )
      : compileSort(undefined, 'ascending', c.users.USER_CONTEXT, c.users.USER_STORAGE, 'r.created_at');
    return { sql, source: 'scimd' };
  } catch (error) {
    return fallback(error, handWritten, []);
  }
}

/** scimd's condition over membership rows `m` for PATCH remove `members[value eq "<id>"]` ($1 server, $2 group). */
export function memberRemoveCondition(distDir: string, memberId: string): CompiledCondition {
  const handWritten = '(m.member_id = $3::uuid)';
  const c = compilers(distDir);
  if (c instanceof Error) return fallback(c, handWritten, [memberId]);
  try {
    const members = c.schemas.GROUP_SCHEMA.attributes.find((a) => a.name === 'members');
    const context = {
      core: { ...c.schemas.GROUP_SCHEMA, id: 'urn:scimd:members', attributes: members?.subAttributes ?? [] },
      extensions: [],
    };
    const params = new c.params.SqlParams(2);
    const sql = c.compile.compileFilter(
      c.filter.parseFilter(`value eq "${memberId}"`),
      context,
      c.groups.MEMBER_STORAGE,
      params,
    );
    return { sql, values: params.values, source: 'scimd' };
  } catch (error) {
    return fallback(error, handWritten, [memberId]);
  }
}

/**
 * One page of users, as UsersRepository.search runs it (scimd's own pageStatement; the count query runs alongside), with
 * `groups` (USER_DIRECT_GROUPS) computed for the page's rows when the response carries the derived
 * `groups`.
 */
export function userPageSql(distDir: string, page: UserPage): string {
  const { where, orderBy, limit, offset, groups } = page;
  const condition = `r.server_id = $1${where ? ` AND ${where}` : ''}`;
  const derived = groups ? `${groups} AS direct_groups` : undefined;
  const c = compilers(distDir);
  if (!(c instanceof Error))
    return c.search.pageStatement({
      table: 'scim_users',
      columns: USER_COLUMNS,
      where: condition,
      orderBy,
      limit,
      offset,
      derived,
    });
  const sql = `SELECT ${USER_COLUMNS} FROM scim_users r WHERE ${condition} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`;
  return derived ? `SELECT r.*, ${derived} FROM (${sql}) r ORDER BY ${orderBy}` : sql;
}

/** A page of users: the filter's condition (without the server's), the order, the window and the derived `groups` expression. */
export interface UserPage {
  where: string;
  orderBy: string;
  limit: number;
  offset: number;
  groups?: string;
}

export function userCountSql(where: string): string {
  return `SELECT count(*)::int AS n FROM scim_users r WHERE r.server_id = $1${where ? ` AND ${where}` : ''}`;
}

interface MembershipsModule {
  MEMBERSHIP_SQL: { directGroups: string; allGroups: string; add: string };
  USER_DIRECT_GROUPS: string;
}

/**
 * MembershipsRepository's own statements (member add; a user's groups through nested groups) and the
 * column expression of a user's direct groups, read with the user's row in every User response.
 */
export function membershipSql(
  distDir: string,
): (MembershipsModule['MEMBERSHIP_SQL'] & { userDirectGroups: string }) | Error {
  const c = compilers(distDir);
  return c instanceof Error
    ? c
    : { ...c.memberships.MEMBERSHIP_SQL, userDirectGroups: c.memberships.USER_DIRECT_GROUPS };
}

/** MembershipsRepository.removeWhere. */
export const memberRemoveSql = (condition: string): string =>
  `DELETE FROM scim_group_members m WHERE m.server_id = $1 AND m.group_id = $2 AND (${condition})`;
