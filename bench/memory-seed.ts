import { randomBytes, randomUUID } from 'node:crypto';

/** Runs one statement with parameters (a pg Client or an embedded PGlite, whichever holds the store). */
export type Exec = (sql: string, params: unknown[]) => Promise<unknown>;

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const COLUMNS = [
  'id',
  'server_id',
  'kind',
  'created_at',
  'request_id',
  'method',
  'path',
  'status',
  'duration_ms',
  'client_address',
  'user_agent',
  'action',
  'resource_type',
  'resource_id',
  'request_body',
  'response_body',
];
const ROWS_PER_STATEMENT = 40;

/** A user whose displayName is `bytes` of random base64: a body of about that size that compresses poorly. */
export function bigUser(userName: string, bytes: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER],
    userName,
    displayName: randomBytes(Math.ceil((bytes * 3) / 4))
      .toString('base64')
      .slice(0, bytes),
    ...extra,
  };
}

/**
 * Writes `entries` logged POST /Users of the server straight into request_logs, each with a request
 * body and a response body of about `bodyBytes` each, one millisecond apart (newest last). Returns the
 * time of the oldest.
 */
export async function seedLogEntries(
  exec: Exec,
  serverId: string,
  entries: number,
  bodyBytes: number,
  log: (line: string) => void,
): Promise<Date> {
  const start = Date.now() - entries;
  for (let first = 0; first < entries; first += ROWS_PER_STATEMENT) {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let i = first; i < Math.min(entries, first + ROWS_PER_STATEMENT); i++) {
      const id = randomUUID();
      const request = bigUser(`user${i}@example.com`, bodyBytes);
      const response = {
        ...request,
        id,
        meta: {
          resourceType: 'User',
          created: new Date(start + i).toISOString(),
          location: `/scim/v2/${serverId}/Users/${id}`,
        },
      };
      const row = [
        randomUUID(),
        serverId,
        'request',
        new Date(start + i).toISOString(),
        `req-${i}`,
        'POST',
        `/scim/v2/${serverId}/Users`,
        201,
        5,
        '127.0.0.1',
        'bench',
        `create user user${i}@example.com`,
        'Users',
        id,
        JSON.stringify(request),
        JSON.stringify(response),
      ];
      tuples.push(`(${row.map((_, c) => `$${values.length + c + 1}`).join(', ')})`);
      values.push(...row);
    }
    await exec(`INSERT INTO request_logs (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, values);
    if ((first / ROWS_PER_STATEMENT) % 50 === 49)
      log(`  seeded ${(first + ROWS_PER_STATEMENT).toLocaleString('en-US')} entries`);
  }
  await exec('ANALYZE request_logs', []);
  return new Date(start);
}
