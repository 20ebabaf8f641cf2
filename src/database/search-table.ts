import { DataSource } from 'typeorm';
import { SqlParams } from '../scim/sql/params';
import type { QueryResultRow } from 'pg';
import { runPrepared } from './prepared';

/** A page query over one resource table `r`, scoped by server; `where`/`orderBy` come from the SQL compiler. */
export interface ResourceSearch {
  where?: string;
  params: SqlParams;
  orderBy: string;
  offset: number;
  limit: number;
  /** When set, each row's sort key is read too (as text), for cursors. */
  sortKey?: string;
  /**
   * The condition of the count when it differs from the page's (cursor pages: the filter without the
   * keyset condition), with how many of the parameters it uses.
   */
  count?: { where?: string; paramCount: number };
}

export interface SearchResult<Row> {
  rows: Row[];
  keys: (string | null)[];
  total: number;
}

/** What a resource table reads: its name, the columns of `r` it selects, and columns derived for the page's rows alone. */
export interface ResourceTable {
  table: string;
  columns: string;
  /** Column expressions over the page's rows `r` (correlated subqueries): computed for those rows only, not for rows skipped by OFFSET. */
  derived?: string;
}

/** One page of a resource table: `where` includes the server condition (`$1`). */
export interface PageQuery extends ResourceTable {
  where: string;
  orderBy: string;
  limit: number;
  offset: number;
}

/** From this offset on, a page's ids are found before its rows are read (see pageStatement). */
export const DEFERRED_JOIN_OFFSET = 1000;

/**
 * The page query: `columns` of the rows of `table r` matching `where` (which includes the server
 * condition, `$1`), in `orderBy`, with `derived` column expressions computed for the page's rows only.
 * A deep page (startIndex paging, as Okta's imports do) finds its ids first — on the creation order,
 * an index-only scan of (server_id, created_at, id) — and then reads those rows alone, one primary-key
 * lookup each (the LIMIT 1 keeps the planner from turning the lateral read into a hash join over the
 * whole table): skipping OFFSET whole rows would read, and at a million users sort, every row before
 * the page.
 */
export function pageStatement(page: PageQuery): string {
  const { table, columns, where, orderBy, limit, offset, derived } = page;
  const window = `ORDER BY ${orderBy} LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(offset)}`;
  const limited =
    offset >= DEFERRED_JOIN_OFFSET
      ? `SELECT ${columns} FROM (SELECT r.id FROM ${table} r WHERE ${where} ${window}) page` +
        ` CROSS JOIN LATERAL (SELECT * FROM ${table} t WHERE t.server_id = $1 AND t.id = page.id LIMIT 1) r ORDER BY ${orderBy}`
      : `SELECT ${columns} FROM ${table} r WHERE ${where} ${window}`;
  return derived ? `SELECT r.*, ${derived} FROM (${limited}) r ORDER BY ${orderBy}` : limited;
}

/**
 * Runs the page query and the exact count of an identity server's resources matching `search.where`.
 * `$1` is always the server id; the compiler's parameters follow it.
 */
export async function searchTable<Raw, Row>(
  dataSource: DataSource,
  source: ResourceTable,
  serverId: string,
  search: ResourceSearch,
  map: (raw: Raw) => Row,
): Promise<SearchResult<Row>> {
  const { table, columns, derived } = source;
  const where = `r.server_id = $1${search.where ? ` AND ${search.where}` : ''}`;
  const values = [serverId, ...search.params.values];
  const key = search.sortKey ? `, (${search.sortKey})::text AS sort_key` : '';
  const countWhere = search.count ? `r.server_id = $1${search.count.where ? ` AND ${search.count.where}` : ''}` : where;
  const countValues = search.count ? values.slice(0, 1 + search.count.paramCount) : values;
  const count = (): Promise<number> =>
    runPrepared<{ n: number }>(
      dataSource,
      `SELECT count(*)::int AS n FROM ${table} r WHERE ${countWhere}`,
      countValues,
    ).then((r) => r.rows[0].n);
  // LIMIT and OFFSET stay literals, so that the planner sees them. First pages (an IdP's lookups,
  // cursor pages) repeat the same text and run prepared; deep offsets each have their own text.
  const pageSql = pageStatement({
    table,
    columns: columns + key,
    derived,
    where,
    orderBy: search.orderBy,
    limit: search.limit,
    offset: search.offset,
  });
  const page = (): Promise<(Raw & { sort_key?: string | null })[]> =>
    search.limit === 0
      ? Promise.resolve([])
      : search.offset === 0
        ? runPrepared<Raw & QueryResultRow & { sort_key?: string | null }>(dataSource, pageSql, values).then(
            (r) => r.rows,
          )
        : dataSource.query(pageSql, values);
  let raws: (Raw & { sort_key?: string | null })[];
  let total: number;
  if (search.where && !search.count) {
    // A filtered index page (an IdP's lookup) usually holds everything: when it is not full, its
    // offset plus its length is the exact total, and the count query is not needed.
    raws = await page();
    const complete = raws.length < search.limit && (raws.length > 0 || search.offset === 0);
    total = complete ? search.offset + raws.length : await count();
  } else {
    [raws, total] = await Promise.all([page(), count()]);
  }
  return { rows: raws.map(map), keys: raws.map((r) => r.sort_key ?? null), total };
}
