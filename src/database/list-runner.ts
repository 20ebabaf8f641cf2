import { formatFilter, SchemaContext } from '../scim/filter';
import { formatAttrPath } from '../scim/filter/format';
import { compileFilter } from '../scim/sql/compile-filter';
import { compileSort, SortKey, sortKeyOf } from '../scim/sql/compile-sort';
import { keysetPage } from '../scim/sql/keyset';
import { SqlParams } from '../scim/sql/params';
import { ResourceStorage } from '../scim/sql/storage';
import { ResourceSearch, SearchResult } from './search-table';
import { decodeCursor, encodeCursor, queryFingerprint } from '../scim/query/cursor';
import { ListQuery } from '../scim/query/list-query';

export interface ListResult<Row> {
  rows: Row[];
  total: number;
  /** Index paging (RFC 7644). */
  startIndex?: number;
  /** Cursor paging (RFC 9865). */
  nextCursor?: string;
  previousCursor?: string;
}

export interface ListTarget<Row extends { id: string }> {
  ctx: SchemaContext;
  storage: ResourceStorage;
  /** The order without sortBy: creation order. */
  fallbackKey: SortKey;
  search(search: ResourceSearch): Promise<SearchResult<Row>>;
}

/** Runs a list query (filter, sort, index or cursor paging) against one resource table. */
export async function runList<Row extends { id: string }>(
  query: ListQuery,
  target: ListTarget<Row>,
): Promise<ListResult<Row>> {
  const params = new SqlParams(1);
  const filter = query.filter ? compileFilter(query.filter, target.ctx, target.storage, params) : undefined;
  const key = sortKeyOf(query.sortBy, target.ctx, target.storage, target.fallbackKey);
  if (query.cursor === undefined) {
    const orderBy = compileSort(key, query.sortOrder, target.storage);
    const { rows, total } = await target.search({
      where: filter,
      params,
      orderBy,
      offset: query.startIndex - 1,
      limit: query.count,
    });
    return { rows, total, startIndex: query.startIndex };
  }
  return cursorPage(query, target, params, filter, key);
}

async function cursorPage<Row extends { id: string }>(
  query: ListQuery,
  target: ListTarget<Row>,
  params: SqlParams,
  filter: string | undefined,
  key: SortKey,
): Promise<ListResult<Row>> {
  const filterParams = params.values.length;
  const fingerprint = queryFingerprint([
    query.filter && formatFilter(query.filter),
    query.sortBy && formatAttrPath(query.sortBy).toLowerCase(),
    query.sortOrder,
  ]);
  const position = query.cursor ? decodeCursor(query.cursor, fingerprint) : undefined;
  const order = {
    key: key.expr,
    id: target.storage.id,
    cast: key.cast,
    descending: query.sortOrder === 'descending',
    notNull: key.notNull,
  };
  const page = keysetPage(order, position, params);
  const where = [filter, page.where].filter(Boolean).join(' AND ') || undefined;
  const count = { where: filter, paramCount: filterParams };
  const result = await target.search({
    where,
    params,
    orderBy: page.orderBy,
    offset: 0,
    limit: query.count + 1,
    sortKey: key.expr,
    count,
  });
  const more = result.rows.length > query.count;
  let rows = result.rows.slice(0, query.count);
  let keys = result.keys.slice(0, query.count);
  if (page.reversed) {
    rows = rows.reverse();
    keys = keys.reverse();
  }
  const at = (i: number, direction: 'next' | 'previous') =>
    encodeCursor({ key: keys[i], id: rows[i].id, direction }, fingerprint);
  const hasNext = page.reversed ? rows.length > 0 : more;
  const hasPrevious = page.reversed ? more : position !== undefined && rows.length > 0;
  return {
    rows,
    total: result.total,
    ...(hasNext && rows.length > 0 && { nextCursor: at(rows.length - 1, 'next') }),
    ...(hasPrevious && { previousCursor: at(0, 'previous') }),
  };
}
