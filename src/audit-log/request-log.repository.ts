import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runPrepared } from '../database/prepared';
import { RequestLogRow } from './request-log/log-row';

/** Columns in insertion order, with the array type `unnest` reads each one as. */
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
 * One statement for any batch size: each column is an array parameter, unnested into rows. Rows of a
 * server deleted meanwhile are skipped instead of failing the batch on the foreign key.
 */
const INSERT_SQL = `INSERT INTO request_logs (${INSERT_COLUMNS.map((c) => c[1]).join(', ')})
SELECT v.* FROM unnest(${INSERT_COLUMNS.map((c, i) => `$${i + 1}::${c[2]}[]`).join(', ')}) AS v(${INSERT_COLUMNS.map((c) => c[1]).join(', ')})
WHERE EXISTS (SELECT 1 FROM identity_servers s WHERE s.id = v.server_id)`;

/** The request_logs table. Every read and delete takes the identity server id. */
@Injectable()
export class RequestLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes a batch in one multi-row INSERT; returns how many rows were written. */
  async insert(rows: RequestLogRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const values = INSERT_COLUMNS.map(([key]) => rows.map((r) => (key === 'createdAt' ? r.createdAt.toISOString() : r[key])));
    const result = await runPrepared(this.dataSource, INSERT_SQL, values);
    return result.rowCount ?? 0;
  }
}
