import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** A statement as the app sent it to the database: its text and its parameter values. */
export interface SentStatement {
  text: string;
  values: unknown[];
}

/**
 * Runs `action` and returns every statement the app sent meanwhile, through any of its pooled
 * connections — TypeORM's queries and the prepared statements of `runPrepared` alike. The statements
 * still run as they would (each connection's `query` is wrapped to note its arguments, then called);
 * the wrappers are removed before this returns.
 */
export async function recordStatements(
  dataSource: DataSource,
  action: () => Promise<unknown>,
): Promise<SentStatement[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const sent: SentStatement[] = [];
  const wrapped = new Map<PoolClient, PoolClient['query']>();
  const wrap = (client: PoolClient) => {
    if (wrapped.has(client)) return;
    const query = client.query;
    wrapped.set(client, query);
    client.query = function (this: PoolClient, ...args: unknown[]) {
      const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
      if (typeof first === 'string') sent.push({ text: first, values: Array.isArray(second) ? second : [] });
      else if (first && typeof first.text === 'string')
        sent.push({ text: first.text, values: first.values ?? (Array.isArray(second) ? second : []) });
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as PoolClient['query'];
  };
  pool.on('acquire', wrap);
  try {
    await action();
  } finally {
    pool.removeListener('acquire', wrap);
    for (const [client, query] of wrapped) client.query = query;
  }
  return sent;
}
