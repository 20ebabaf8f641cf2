import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Distinct statements run as named prepared statements. Each connection keeps every statement it has
 * prepared until it closes, so the set is bounded: beyond it, statements run unnamed (parsed and
 * planned on every execution, as TypeORM's `query` does).
 */
export const MAX_PREPARED_STATEMENTS = 200;

const names = new Map<string, string>();

/** The statement's name, the same in every process for the same text; undefined past the bound. */
export function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_PREPARED_STATEMENTS) return known;
  const name = `scimd_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  names.set(text, name);
  return name;
}

/**
 * Runs one statement on the hot path as a prepared statement: PostgreSQL parses and plans it once
 * per connection (then reuses a generic plan when that is as cheap), instead of on every request —
 * for an indexed lookup, planning costs PostgreSQL several times the execution. `on` is the
 * DataSource (a pooled connection) or a transaction's EntityManager (its connection). Failures are
 * TypeORM's QueryFailedError, as from `query`, so that they map to SCIM errors the same way.
 */
export async function runPrepared<Row extends QueryResultRow>(
  on: DataSource | EntityManager,
  text: string,
  values: unknown[],
): Promise<QueryResult<Row>> {
  const config: QueryConfig = { text, values, name: statementName(text) };
  const runner = on instanceof DataSource ? undefined : on.queryRunner;
  const inTransaction = runner !== undefined && !runner.isReleased;
  // Not Pool.query: it closes the connection after any failed statement (a unique violation too).
  const pooled = inTransaction ? undefined : await poolOf(on).connect();
  // A checked-out client whose connection dies emits `error` (the pool listens only while it is idle):
  // unheard, that would end the process. The failed query rejects with the same error; the pool
  // destroys the client on release since it is no longer queryable.
  pooled?.on('error', ignoreConnectionError);
  try {
    const connection = pooled ?? ((await runner?.connect()) as PoolClient);
    return await connection.query<Row>(config);
  } catch (error) {
    throw error instanceof Error && 'code' in error ? new QueryFailedError(text, values, error) : error;
  } finally {
    pooled?.removeListener('error', ignoreConnectionError);
    pooled?.release();
  }
}

function ignoreConnectionError(): void {}

/** The pg pool behind TypeORM's DataSource. */
function poolOf(on: DataSource | EntityManager): Pool {
  const dataSource = on instanceof DataSource ? on : on.connection;
  return (dataSource.driver as PostgresDriver).master as Pool;
}
