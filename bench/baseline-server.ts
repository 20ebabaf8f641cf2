/**
 * The baseline: the seven benchmarked SCIM routes on node:http and a pg.Pool, hand-written SQL, JSON
 * built by hand. No framework, no authentication, no validation beyond what the routes need: the
 * floor that scimd is measured against. Run as a child process of run.ts (it reports readiness over
 * IPC). Environment: BASELINE_DATABASE_URL, BASELINE_PORT, BASELINE_POOL_SIZE.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

const port = Number(process.env.BASELINE_PORT ?? 3001);
const pool = new Pool({
  connectionString: process.env.BASELINE_DATABASE_URL,
  max: Number(process.env.BASELINE_POOL_SIZE ?? 10),
});
const origin = `http://127.0.0.1:${port}`;
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const COLUMNS = 'id, user_name, external_id, display_name, active, version, data, created_at, updated_at';

interface UserRow {
  id: string;
  user_name: string;
  external_id: string | null;
  display_name: string | null;
  active: boolean;
  version: number;
  data: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

interface GroupRow {
  id: string;
  display_name: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

type Json = Record<string, unknown>;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function userJson(server: string, u: UserRow): Json {
  return {
    schemas: [USER_SCHEMA],
    id: u.id,
    ...(u.external_id !== null && { externalId: u.external_id }),
    userName: u.user_name,
    ...(u.display_name !== null && { displayName: u.display_name }),
    active: u.active,
    ...u.data,
    meta: {
      resourceType: 'User',
      created: u.created_at.toISOString(),
      lastModified: u.updated_at.toISOString(),
      location: `${origin}/scim/v2/${server}/Users/${u.id}`,
      version: `W/"${u.version}"`,
    },
  };
}

function groupJson(server: string, g: GroupRow): Json {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id: g.id,
    displayName: g.display_name,
    meta: {
      resourceType: 'Group',
      created: g.created_at.toISOString(),
      lastModified: g.updated_at.toISOString(),
      location: `${origin}/scim/v2/${server}/Groups/${g.id}`,
      version: `W/"${g.version}"`,
    },
  };
}

function listJson(server: string, rows: UserRow[], total: number, startIndex: number): Json {
  return {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: total,
    startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map((r) => userJson(server, r)),
  };
}

function send(res: ServerResponse, status: number, body: Json | undefined): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/scim+json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
  } catch {
    throw new HttpError(400, 'invalid JSON');
  }
}

/** The first PatchOp operation (the bench sends one per request). */
function firstOperation(body: Json): { op: string; path: string; value: unknown } {
  const ops = body.Operations;
  if (!Array.isArray(ops) || ops.length === 0) throw new HttpError(400, 'no Operations');
  const op = ops[0] as Json;
  return { op: String(op.op).toLowerCase(), path: String(op.path ?? ''), value: op.value };
}

async function listUsers(server: string, query: URLSearchParams): Promise<[number, Json]> {
  const filter = query.get('filter');
  if (filter !== null) {
    const match = /^(userName|externalId) eq "(.*)"$/.exec(filter);
    if (!match) throw new HttpError(400, 'unsupported filter');
    const where = match[1] === 'userName' ? 'lower(user_name) = lower($2)' : 'external_id = $2';
    const { rows } = await pool.query<UserRow>(`SELECT ${COLUMNS} FROM scim_users WHERE server_id = $1 AND ${where}`, [
      server,
      match[2],
    ]);
    return [200, listJson(server, rows, rows.length, 1)];
  }
  const startIndex = Math.max(1, Number(query.get('startIndex') ?? 1));
  const count = Math.min(1000, Math.max(0, Number(query.get('count') ?? 100)));
  const [page, total] = await Promise.all([
    pool.query<UserRow>(
      `SELECT ${COLUMNS} FROM scim_users WHERE server_id = $1 ORDER BY created_at, id LIMIT $2 OFFSET $3`,
      [server, count, startIndex - 1],
    ),
    pool.query<{ n: number }>('SELECT count(*)::int AS n FROM scim_users WHERE server_id = $1', [server]),
  ]);
  return [200, listJson(server, page.rows, total.rows[0].n, startIndex)];
}

async function getUser(server: string, id: string): Promise<[number, Json]> {
  const { rows } = await pool.query<UserRow>(`SELECT ${COLUMNS} FROM scim_users WHERE server_id = $1 AND id = $2`, [
    server,
    id,
  ]);
  if (rows.length === 0) throw new HttpError(404, 'not found');
  return [200, userJson(server, rows[0])];
}

async function createUser(server: string, body: Json): Promise<[number, Json]> {
  const { userName, externalId, displayName, active, schemas: _schemas, ...data } = body;
  if (typeof userName !== 'string') throw new HttpError(400, 'userName required');
  const { rows } = await pool.query<UserRow>(
    `INSERT INTO scim_users (id, server_id, user_name, external_id, display_name, active, data) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [randomUUID(), server, userName, externalId ?? null, displayName ?? null, active ?? true, data],
  );
  return [201, userJson(server, rows[0])];
}

async function patchUser(server: string, id: string, body: Json): Promise<[number, Json]> {
  const op = firstOperation(body);
  if (op.op !== 'replace' || op.path !== 'active' || typeof op.value !== 'boolean')
    throw new HttpError(400, 'only replace active');
  const { rows } = await pool.query<UserRow>(
    `UPDATE scim_users SET active = $3, version = version + 1, updated_at = now() WHERE server_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [server, id, op.value],
  );
  if (rows.length === 0) throw new HttpError(404, 'not found');
  return [200, userJson(server, rows[0])];
}

const BUMP_GROUP = `UPDATE scim_groups SET version = version + 1, updated_at = now() WHERE server_id = $1 AND id = $2 RETURNING id, display_name, version, created_at, updated_at`;

async function patchGroup(server: string, id: string, body: Json): Promise<[number, Json]> {
  const op = firstOperation(body);
  let memberSql: string;
  let member: string;
  if (op.op === 'add' && op.path === 'members' && Array.isArray(op.value) && op.value.length === 1) {
    member = String((op.value[0] as Json).value);
    memberSql = `INSERT INTO scim_group_members (group_id, member_id, server_id, member_type) SELECT g.id, $3, $1, 'User' FROM g ON CONFLICT DO NOTHING`;
  } else {
    const match = op.op === 'remove' ? /^members\[value eq "([^"]+)"\]$/.exec(op.path) : null;
    if (!match) throw new HttpError(400, 'only add members / remove members[value eq …]');
    member = match[1];
    memberSql =
      'DELETE FROM scim_group_members m USING g WHERE m.server_id = $1 AND m.group_id = g.id AND m.member_id = $3';
  }
  // One round trip: bump the group's version and change the edge in the same statement.
  const { rows } = await pool.query<GroupRow>(`WITH g AS (${BUMP_GROUP}), e AS (${memberSql}) SELECT * FROM g`, [
    server,
    id,
    member,
  ]);
  if (rows.length === 0) throw new HttpError(404, 'not found');
  return [200, groupJson(server, rows[0])];
}

async function route(req: IncomingMessage): Promise<[number, Json | undefined]> {
  const url = new URL(req.url ?? '/', origin);
  const parts = url.pathname.split('/').filter((p) => p !== '');
  if (parts[0] !== 'scim' || parts[1] !== 'v2' || parts.length < 4) throw new HttpError(404, 'no route');
  const [server, resource, id] = [parts[2], parts[3], parts[4]];
  const method = req.method ?? 'GET';
  if (resource === 'Users' && id === undefined && method === 'GET') return listUsers(server, url.searchParams);
  if (resource === 'Users' && id === undefined && method === 'POST') return createUser(server, await readJson(req));
  if (resource === 'Users' && id !== undefined && method === 'GET') return getUser(server, id);
  if (resource === 'Users' && id !== undefined && method === 'PATCH') return patchUser(server, id, await readJson(req));
  if (resource === 'Groups' && id !== undefined && method === 'PATCH')
    return patchGroup(server, id, await readJson(req));
  throw new HttpError(404, 'no route');
}

const server = createServer((req, res) => {
  route(req).then(
    ([status, body]) => send(res, status, body),
    (error: unknown) => {
      const code = (error as { code?: string }).code;
      const status = error instanceof HttpError ? error.status : code === '23505' ? 409 : code === '22P02' ? 404 : 500;
      if (status === 500) console.error(error);
      send(res, status, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: String(status),
        detail: (error as Error).message,
      });
    },
  );
});

server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => process.send?.({ ready: true, port }));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
