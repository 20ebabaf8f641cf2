import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runPrepared } from '../database/prepared';
import { resourceTypeKey, statusRange } from './log-filter-values';
import { LogEntryRow, RequestLogRow } from './request-log/log-row';

/** Columns in insertion order, with the type of their array. */
const INSERT_COLUMNS: [keyof RequestLogRow, string, string][] = [
  ['id', 'id', 'uuid'],
  ['serverId', 'server_id', 'uuid'],
  ['kind', 'kind', 'varchar'],
  ['createdAt', 'created_at', 'timestamptz'],
  ['requestId', 'request_id', 'varchar'],
  ['method', 'method', 'varchar'],
  ['path', 'path', 'text'],
  ['status', 'status', 'smallint'],
  ['durationMs', 'duration_ms', 'integer'],
  ['clientAddress', 'client_address', 'varchar'],
  ['userAgent', 'user_agent', 'text'],
  ['credentialId', 'credential_id', 'uuid'],
  ['resourceType', 'resource_type', 'varchar'],
  ['resourceId', 'resource_id', 'varchar'],
  ['action', 'action', 'text'],
  ['requestBody', 'request_body', 'text'],
  ['responseBody', 'response_body', 'text'],
];

/**
 * Each column of a batch travels as one text: its values joined by the ASCII record separator, with
 * the unit separator standing for NULL, split by `string_to_array` and cast. Array literals would
 * have every quote of every JSON body escaped by the driver and parsed back, element by element, by
 * PostgreSQL when it binds the parameters — which cost more than inserting the rows. JSON text never
 * holds either character unescaped; any other text has them escaped (see joinColumn). (An empty
 * string alone in its column reads back as NULL: the capture stores none — no user agent is NULL.)
 */
const RECORD_SEPARATOR = '\x1e';
const NULL_VALUE = '\x1f';

/**
 * One statement for any batch size, each column unnested into rows. The batch's servers are locked
 * once (FOR KEY SHARE, as a foreign key's check would lock them per row): a server deleted meanwhile
 * is either not found — its rows are skipped — or waits for this batch, whose rows its delete
 * trigger then removes.
 */
const INSERT_SQL = `WITH servers AS MATERIALIZED (
  SELECT s.id FROM identity_servers s WHERE s.id = ANY(string_to_array($2::text, chr(30), chr(31))::uuid[]) FOR KEY SHARE
)
INSERT INTO request_logs (${INSERT_COLUMNS.map((c) => c[1]).join(', ')})
SELECT v.* FROM unnest(${INSERT_COLUMNS.map((c, i) => `string_to_array($${i + 1}::text, chr(30), chr(31))::${c[2]}[]`).join(', ')}) AS v(${INSERT_COLUMNS.map((c) => c[1]).join(', ')})
WHERE v.server_id IN (SELECT id FROM servers)`;

// eslint-disable-next-line no-control-regex -- the record and unit separators are what it finds
const SEPARATORS = /[\x1e\x1f]/g;

/** The values of a column as one text (see RECORD_SEPARATOR). */
export function joinColumn(values: (string | number | null)[]): string {
  return values
    .map((v) => {
      if (v === null) return NULL_VALUE;
      const text = String(v);
      return text.includes(RECORD_SEPARATOR) || text.includes(NULL_VALUE)
        ? text.replace(SEPARATORS, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)
        : text;
    })
    .join(RECORD_SEPARATOR);
}

/** The request_logs table. Every read and delete takes the identity server id. */
@Injectable()
export class RequestLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes a batch in one multi-row INSERT; returns how many rows were written. The statement runs
   * with a generic plan: PostgreSQL's first five executions of a prepared statement on a connection
   * get custom plans, for which the batch's texts are substituted into the plan and split while
   * planning — doubling the database's cost per row, and with a pool of connections most batches
   * would be among the first five of theirs.
   */
  async insert(rows: RequestLogRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const values = INSERT_COLUMNS.map(([key]) =>
      joinColumn(
        rows.map((r) => (key === 'createdAt' ? r.createdAt.toISOString() : (r[key] as string | number | null))),
      ),
    );
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL plan_cache_mode = force_generic_plan');
      const result = await runPrepared(manager, INSERT_SQL, values);
      return result.rowCount ?? 0;
    });
  }

  /**
   * userName / displayName of the given users and groups of each server (for readable actions, read
   * once per written batch). Ids are looked up within their own server only.
   */
  async names(refs: { serverId: string; id: string }[]): Promise<Map<string, string>> {
    if (refs.length === 0) return new Map();
    const servers = refs.map((r) => r.serverId);
    const ids = refs.map((r) => r.id);
    const { rows } = await runPrepared<{ id: string; name: string }>(
      this.dataSource,
      `WITH refs AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS r(server_id, id))
       SELECT u.id, u.user_name AS name FROM scim_users u JOIN refs r ON r.server_id = u.server_id AND r.id = u.id
       UNION ALL
       SELECT g.id, g.display_name AS name FROM scim_groups g JOIN refs r ON r.server_id = g.server_id AND r.id = g.id`,
      [servers, ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * A page, newest first: entries strictly older than `after` (the last one of the previous page),
   * without their bodies — a page of 500 would otherwise read up to 64 MiB to show none of it.
   */
  async page(
    serverId: string,
    filter: LogFilter,
    after: LogPosition | undefined,
    limit: number,
  ): Promise<LogEntryRow[]> {
    const { sql, values } = logPageStatement(serverId, filter, after, limit);
    const rows: RawRow[] = await this.dataSource.query(sql, values);
    return rows.map(toListRow);
  }

  /**
   * The next batch of an export, newest first after `after`: at most `limits.rows` entries whose
   * bodies add up to at most `limits.bytes` (always at least one entry). `more` says whether entries
   * may follow. See exportBatchQuery.
   */
  async exportBatch(
    serverId: string,
    filter: LogFilter,
    after: LogPosition | undefined,
    limits: ExportLimits,
  ): Promise<{ rows: RequestLogRow[]; more: boolean }> {
    const { sql, values } = exportBatchQuery(serverId, filter, after, limits);
    const raw: (RawRow & { candidates: string | number })[] = await this.dataSource.query(sql, values);
    const candidates = raw.length > 0 ? Number(raw[0].candidates) : 0;
    return { rows: raw.map(toRow), more: raw.length < candidates || candidates === Math.trunc(limits.rows) };
  }

  async find(serverId: string, id: string): Promise<RequestLogRow | null> {
    const rows: RawRow[] = await this.dataSource.query(
      `SELECT ${SELECT_COLUMNS} FROM request_logs l WHERE l.server_id = $1 AND l.id = $2`,
      [serverId, id],
    );
    return rows.length > 0 ? toRow(rows[0]) : null;
  }

  /**
   * Deletes up to `batch` of the server's entries older than `before`, oldest first; returns how many
   * went. Bounded, so that a large purge never holds locks for long; repeat until it returns < batch.
   */
  async deleteBefore(serverId: string, before: Date, batch: number): Promise<number> {
    const result = await runPrepared(
      this.dataSource,
      `DELETE FROM request_logs WHERE id IN (SELECT id FROM request_logs WHERE server_id = $1 AND created_at < $2 ORDER BY created_at LIMIT ${Math.trunc(batch)})`,
      [serverId, before.toISOString()],
    );
    return result.rowCount ?? 0;
  }
}

/**
 * The statement of a page: the (server_id, created_at, id) index read backwards from `after`, every
 * filter a condition on the rows it reads, stopping at `limit` (exported for the plan's test).
 */
export function logPageStatement(
  serverId: string,
  filter: LogFilter,
  after: LogPosition | undefined,
  limit: number,
): { sql: string; values: unknown[] } {
  const where = conditions(serverId, filter);
  if (after)
    where.add(
      `(l.created_at, l.id) < (${where.param(after.createdAt.toISOString())}::timestamptz, ${where.param(after.id)}::uuid)`,
    );
  return {
    sql: `SELECT ${LIST_COLUMNS} FROM request_logs l WHERE ${where.sql()} ORDER BY l.created_at DESC, l.id DESC LIMIT ${Math.trunc(limit)}`,
    values: where.values,
  };
}

export interface LogFilter {
  /** A status class (`4xx`) or code (`404`), see statusRange. */
  status?: string;
  /** An endpoint or SCIM resource type name, see resourceTypeKey. */
  method?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  q?: string;
  from?: Date;
  to?: Date;
}

export interface LogPosition {
  createdAt: Date;
  id: string;
}

/** Most entries, and most bytes of request and response bodies (UTF-8), of one export batch. */
export interface ExportLimits {
  rows: number;
  bytes: number;
}

/**
 * The SQL of an export batch, in two steps. The first walks the index (server_id, created_at, id) as
 * a page does — same filters, same keyset position — for the next `rows` positions, with the size of
 * their bodies: `octet_length` of a TOASTed value reads its header, not the value. A running sum then
 * keeps the entries within the byte budget (the first one always), and only those are read whole, each
 * by primary key within the server (LIMIT 1 keeps the lookup a nested loop of its own: as a plain join
 * a small or unanalysed table could get a hash join over all of the server's entries). `candidates` (how many positions the first step found) tells the
 * caller whether the budget cut the batch short.
 */
export function exportBatchQuery(
  serverId: string,
  filter: LogFilter,
  after: LogPosition | undefined,
  limits: ExportLimits,
): { sql: string; values: unknown[] } {
  const where = conditions(serverId, filter);
  if (after)
    where.add(
      `(l.created_at, l.id) < (${where.param(after.createdAt.toISOString())}::timestamptz, ${where.param(after.id)}::uuid)`,
    );
  const sql = `WITH next AS (
  SELECT l.id, l.created_at, coalesce(octet_length(l.request_body), 0) + coalesce(octet_length(l.response_body), 0) AS bytes
    FROM request_logs l WHERE ${where.sql()} ORDER BY l.created_at DESC, l.id DESC LIMIT ${Math.trunc(limits.rows)}
), sized AS (
  SELECT n.id, row_number() OVER w AS position, sum(n.bytes) OVER w AS running, count(*) OVER () AS candidates
    FROM next n WINDOW w AS (ORDER BY n.created_at DESC, n.id DESC ROWS UNBOUNDED PRECEDING)
)
SELECT e.*, s.candidates FROM sized s
  CROSS JOIN LATERAL (SELECT ${SELECT_COLUMNS} FROM request_logs l WHERE l.server_id = $1 AND l.id = s.id LIMIT 1) e
 WHERE s.position = 1 OR s.running <= ${Math.trunc(limits.bytes)} ORDER BY s.position`;
  return { sql, values: where.values };
}

const SELECT_COLUMNS = INSERT_COLUMNS.map((c) => `l.${c[1]}`).join(', ');
const LIST_FIELDS = INSERT_COLUMNS.filter(([key]) => key !== 'requestBody' && key !== 'responseBody');
const LIST_COLUMNS = LIST_FIELDS.map((c) => `l.${c[1]}`).join(', ');

type RawRow = Record<string, unknown>;

function toRow(raw: RawRow): RequestLogRow {
  return Object.fromEntries(INSERT_COLUMNS.map(([key, column]) => [key, raw[column]])) as unknown as RequestLogRow;
}

function toListRow(raw: RawRow): LogEntryRow {
  return Object.fromEntries(LIST_FIELDS.map(([key, column]) => [key, raw[column]])) as unknown as LogEntryRow;
}

class Where {
  readonly values: unknown[] = [];
  private readonly parts: string[] = [];

  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  add(condition: string): void {
    this.parts.push(condition);
  }

  sql(): string {
    return this.parts.join(' AND ');
  }
}

/** LIKE pattern for "contains", with the pattern characters of the text escaped. */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function conditions(serverId: string, filter: LogFilter): Where {
  const where = new Where();
  where.add(`l.server_id = ${where.param(serverId)}`);
  if (filter.status) {
    const [from, to] = statusRange(filter.status);
    where.add(`l.status >= ${where.param(from)} AND l.status < ${where.param(to)}`);
  }
  if (filter.method) where.add(`l.method = ${where.param(filter.method.toUpperCase())}`);
  if (filter.resourceType) where.add(`l.resource_type = ${where.param(resourceTypeKey(filter.resourceType))}`);
  if (filter.resourceId) where.add(`l.resource_id = ${where.param(filter.resourceId)}`);
  if (filter.action) where.add(`l.action ILIKE ${where.param(contains(filter.action))}`);
  if (filter.from) where.add(`l.created_at >= ${where.param(filter.from.toISOString())}::timestamptz`);
  if (filter.to) where.add(`l.created_at < ${where.param(filter.to.toISOString())}::timestamptz`);
  if (filter.q) {
    const p = where.param(contains(filter.q));
    where.add(`(l.path ILIKE ${p} OR l.action ILIKE ${p} OR l.request_body ILIKE ${p} OR l.response_body ILIKE ${p})`);
  }
  return where;
}
