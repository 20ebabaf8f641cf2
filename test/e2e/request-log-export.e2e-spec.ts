import { randomBytes } from 'node:crypto';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestLogRow } from '../../src/audit-log/request-log/log-row';
import { exportBatchQuery, RequestLogRepository } from '../../src/audit-log/request-log.repository';
import { BodyRead, watchBodyReads } from '../support/body-reads';
import { createServer, CreatedServer } from '../support/factories';
import { ADMIN_TOKEN, TestApp } from '../support/test-app';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
/** Each body is exactly this long: an entry holds 120 KiB, so 34 of them fit in an export batch (4 MiB). */
const BODY_BYTES = 60 * 1024;
const T0 = Date.parse('2026-03-01T00:00:00Z');

/** A JSON body of exactly BODY_BYTES bytes (a user with a long displayName of random text). */
function body(fields: Record<string, unknown>): string {
  const bare = JSON.stringify({ schemas: [USER], ...fields, displayName: '' });
  const filler = randomBytes(BODY_BYTES)
    .toString('base64')
    .slice(0, BODY_BYTES - bare.length);
  return JSON.stringify({ schemas: [USER], ...fields, displayName: filler });
}

/** A logged POST /Users; three entries share each second, so batches end between equal times. */
function entry(serverId: string, i: number, status: number): RequestLogRow {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    id,
    serverId,
    kind: 'request',
    createdAt: new Date(T0 + Math.floor(i / 3) * 1000),
    requestId: `req-${i}`,
    method: 'POST',
    path: `/scim/v2/${serverId}/Users`,
    status,
    durationMs: i,
    clientAddress: '127.0.0.1',
    userAgent: 'Okta SCIM Client 1.0.0',
    credentialId: null,
    resourceType: 'Users',
    resourceId: status === 201 ? id : null,
    action: `create user user${i}@example.com`,
    requestBody: body({ userName: `user${i}@example.com` }),
    responseBody: body({ id, userName: `user${i}@example.com`, meta: { resourceType: 'User' } }),
  };
}

/** The NDJSON line of an entry, written out field by field (bodies are JSON, so they appear as JSON). */
function line(row: RequestLogRow): string {
  return (
    `{"id":"${row.id}","kind":"request","time":"${row.createdAt.toISOString()}","requestId":"${row.requestId}","method":"POST",` +
    `"path":"${row.path}","status":${row.status},"durationMs":${row.durationMs},"clientAddress":"127.0.0.1","userAgent":"Okta SCIM Client 1.0.0",` +
    `"credentialId":null,"resourceType":"Users","resourceId":${row.resourceId === null ? 'null' : `"${row.resourceId}"`},"action":"${row.action}",` +
    `"requestBody":${row.requestBody},"responseBody":${row.responseBody}}\n`
  );
}

/** The entry as a list shows it. */
function listed(row: RequestLogRow): Record<string, unknown> {
  const {
    id,
    kind,
    createdAt,
    requestId,
    method,
    path,
    status,
    durationMs,
    clientAddress,
    userAgent,
    credentialId,
    resourceType,
    resourceId,
    action,
  } = row;
  return {
    id,
    kind,
    time: createdAt.toISOString(),
    requestId,
    method,
    path,
    status,
    durationMs,
    clientAddress,
    userAgent,
    credentialId,
    resourceType,
    resourceId,
    action,
  };
}

const newestFirst = (a: RequestLogRow, b: RequestLogRow) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1);

describe('request log: export in batches bounded by bytes, lists without bodies', () => {
  let app: TestApp;
  let server: CreatedServer;
  /** The 100 entries the export answers (status 201), newest first. */
  let expected: RequestLogRow[];

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
    const other = await createServer(app);
    // 100 successes, 25 refusals between them (filtered out by status=2xx), and 20 entries of another
    // server at the same times: all with bodies as large, none of which may count towards a batch.
    const rows = [
      ...Array.from({ length: 100 }, (_, i) => entry(server.id, i, 201)),
      ...Array.from({ length: 25 }, (_, i) => entry(server.id, 1000 + i, 409)).map((r, i) => ({
        ...r,
        createdAt: new Date(T0 + i * 1300 + 500),
      })),
      ...Array.from({ length: 20 }, (_, i) => entry(other.id, 2000 + i, 201)).map((r, i) => ({
        ...r,
        createdAt: new Date(T0 + i * 1000),
      })),
    ];
    const repository = app.get(RequestLogRepository);
    for (let i = 0; i < rows.length; i += 25) await repository.insert(rows.slice(i, i + 25));
    await app.dataSource.query('ANALYZE request_logs'); // as autovacuum would: the plans below are those of a known table
    expected = rows.filter((r) => r.serverId === server.id && r.status === 201).sort(newestFirst);
  });
  afterAll(() => app.close());

  it('reads the entries 34 at a time (at most 4 MiB of bodies) and answers each of them, newest first', async () => {
    const watch = watchBodyReads(app.dataSource);
    const res = await app.app.inject({
      method: 'GET',
      url: `/admin/servers/${server.id}/logs/export?status=2xx`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    watch.stop();
    expect(res.statusCode).toBe(200);
    expect(res.headers).toEqual({
      'content-type': 'application/x-ndjson',
      'content-disposition': `attachment; filename="scimd-log-${server.id}.ndjson"`,
      'x-request-id': expect.any(String),
      'transfer-encoding': 'chunked',
      date: expect.any(String),
      connection: 'keep-alive',
    });
    expect(res.body.split('\n')).toHaveLength(101);
    expect(res.body).toBe(expected.map(line).join(''));
    expect(watch.reads).toEqual<BodyRead[]>([
      { rows: 34, bytes: 34 * 2 * BODY_BYTES },
      { rows: 34, bytes: 34 * 2 * BODY_BYTES },
      { rows: 32, bytes: 32 * 2 * BODY_BYTES },
    ]);
  });

  it('lists a page of 500 without reading a body', async () => {
    const watch = watchBodyReads(app.dataSource);
    const res = await app.admin('GET', `/servers/${server.id}/logs?status=2xx&limit=500`);
    watch.stop();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ entries: expected.map(listed), nextCursor: null });
    expect(watch.reads).toEqual([]);
  });

  it('reads one entry at a time when one alone is over the budget, and stops at the row limit', async () => {
    const repository = app.get(RequestLogRepository);
    const first = await repository.exportBatch(server.id, { status: '2xx' }, undefined, { rows: 500, bytes: 1 });
    expect(first.rows.map((r) => r.id)).toEqual([expected[0].id]);
    expect(first.more).toBe(true);
    const after = { createdAt: expected[97].createdAt, id: expected[97].id };
    const rest = await repository.exportBatch(server.id, { status: '2xx' }, after, { rows: 2, bytes: 1 });
    expect(rest.rows.map((r) => r.id)).toEqual([expected[98].id]);
    expect(rest.more).toBe(true);
    const last = await repository.exportBatch(server.id, { status: '2xx' }, after, { rows: 2, bytes: 4 * 1024 * 1024 });
    expect(last.rows.map((r) => r.id)).toEqual([expected[98].id, expected[99].id]);
    expect(last.more).toBe(true); // a full page of positions: the next read finds none
    const none = await repository.exportBatch(
      server.id,
      { status: '2xx' },
      { createdAt: expected[99].createdAt, id: expected[99].id },
      { rows: 2, bytes: 4 * 1024 * 1024 },
    );
    expect(none).toEqual({ rows: [], more: false });
    const short = await repository.exportBatch(server.id, { status: '2xx' }, after, {
      rows: 3,
      bytes: 4 * 1024 * 1024,
    });
    expect(short.rows.map((r) => r.id)).toEqual([expected[98].id, expected[99].id]);
    expect(short.more).toBe(false);
  });

  it('finds the positions on the index (server_id, created_at, id) and reads the entries by primary key', async () => {
    const { sql, values } = exportBatchQuery(
      server.id,
      { status: '2xx' },
      { createdAt: expected[50].createdAt, id: expected[50].id },
      { rows: 500, bytes: 4 * 1024 * 1024 },
    );
    const plan = await app.dataSource.transaction(async (em) => {
      await em.query('SET LOCAL enable_seqscan = off');
      const rows: { 'QUERY PLAN': string }[] = await em.query(`EXPLAIN ${sql}`, values);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(
      /Index Scan[^\n]* "IDX_request_logs_server_created"[^\n]*\n\s*Index Cond: \(\(server_id = '[0-9a-f-]+'::uuid\) AND \(ROW\(created_at, id\) < ROW\(/,
    );
    expect(plan).toMatch(
      /Nested Loop[\s\S]*Index Scan using "PK_1edd3815ae37a9b9511f5a26dca" on request_logs l(_1)?\s[\s\S]*Index Cond: \(id = s\.id\)\n\s*Filter: \(server_id = '[0-9a-f-]+'::uuid\)/,
    );
    expect(plan).not.toMatch(/Seq Scan|Hash Join/);
  });

  it('holds one batch for a reader that stops reading, and reads the rest once it reads again', async () => {
    const socketPath = join(tmpdir(), `scimd-export-${randomBytes(4).toString('hex')}.sock`);
    await app.app.listen({ path: socketPath } as unknown as number);
    const watch = watchBodyReads(app.dataSource);
    const req = httpRequest({
      socketPath,
      path: `/admin/servers/${server.id}/logs/export?status=2xx`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    try {
      const response = await new Promise<IncomingMessage>((resolve, reject) => {
        req.on('response', resolve);
        req.on('error', reject);
        req.end();
      });
      expect(response.statusCode).toBe(200);
      // Not reading: the socket's buffers fill with a few lines and the export must stop there.
      await until(() => watch.reads.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(watch.reads.map((r) => r.rows)).toEqual([34]);
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString('utf8')).toBe(expected.map(line).join(''));
      expect(watch.reads.map((r) => r.rows)).toEqual([34, 34, 32]);
    } finally {
      req.destroy(); // a failed expectation leaves no connection open
      watch.stop();
      rmSync(socketPath, { force: true });
    }
  });
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
