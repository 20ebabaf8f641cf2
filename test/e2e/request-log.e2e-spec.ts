import { LogRetention, PURGE_LOCK } from '../../src/audit-log/request-log/log-retention';
import { RequestLogsService } from '../../src/audit-log/request-logs.service';
import { tailLogs, validateTailOptions } from '../../src/cli/logs-command';
import { CapturedRequest } from '../../src/audit-log/request-log/captured-request';
import { STREAMED_MARKER, toLogRow } from '../../src/audit-log/request-log/log-row';
import { logPageStatement, RequestLogRepository } from '../../src/audit-log/request-log.repository';
import { RequestLogWriter } from '../../src/audit-log/request-log/request-log.writer';
import { createServer, CreatedServer, groupBody, scim, scimError, userBody } from '../support/factories';
import { ADMIN_TOKEN, ENGINE, TestApp } from '../support/test-app';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A finished request to a server's ServiceProviderConfig, as the hooks capture it. */
function captured(serverId: string): CapturedRequest {
  return {
    serverId,
    kind: 'request',
    at: Date.now(),
    requestId: 'r',
    method: 'GET',
    url: '/scim/v2/x/ServiceProviderConfig',
    routeUrl: `/scim/v2/${serverId}/ServiceProviderConfig`,
    status: 200,
    durationMs: 1,
    clientAddress: '127.0.0.1',
    userAgent: null,
    credentialId: null,
  };
}

describe('request log: recording', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  /** Lets the response hooks run, then writes the queue. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await app.get(RequestLogWriter).flush();
  }

  async function rows(server: CreatedServer): Promise<Record<string, any>[]> {
    await settle();
    return app.dataSource.query('SELECT * FROM request_logs WHERE server_id = $1 ORDER BY created_at, id', [server.id]);
  }

  it('records nothing for a server that does not log requests', async () => {
    const server = await createServer(app);
    expect((await scim(app, server, 'POST', `${server.base}/Users`, userBody('quiet@example.com'))).status).toBe(201);
    expect((await scim(app, server, 'GET', `${server.base}/Users?filter=userName eq "quiet@example.com"`)).status).toBe(
      200,
    );
    expect(await rows(server)).toEqual([]);
  });

  it('records every SCIM request of a server that logs: what was asked, what was answered, and the derived action', async () => {
    const server = await createServer(app, { logRequests: true });
    const created = await scim(app, server, 'POST', `${server.base}/Users`, userBody('jdoe@contoso.com'), {
      'user-agent': 'Azure AD Provisioning',
      'x-request-id': 'req-create-1',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const deactivated = await scim(app, server, 'PATCH', `${server.base}/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: false }],
    });
    expect(deactivated.status).toBe(200);
    expect((await scim(app, server, 'POST', `${server.base}/Users`, userBody('jdoe@contoso.com'))).status).toBe(409);

    const logged = await rows(server);
    expect(logged).toHaveLength(3);
    expect(logged[0]).toEqual({
      id: expect.any(String),
      server_id: server.id,
      kind: 'request',
      created_at: expect.any(Date),
      request_id: 'req-create-1',
      method: 'POST',
      path: `${server.base}/Users`,
      status: 201,
      duration_ms: expect.any(Number),
      client_address: '127.0.0.1',
      user_agent: 'Azure AD Provisioning',
      credential_id: server.credentialId,
      resource_type: 'Users',
      resource_id: id,
      action: 'create user jdoe@contoso.com',
      request_body: JSON.stringify(userBody('jdoe@contoso.com')),
      response_body: JSON.stringify(created.body),
    });
    expect(logged[1]).toMatchObject({
      method: 'PATCH',
      status: 200,
      resource_id: id,
      action: 'deactivate user jdoe@contoso.com',
    });
    expect(logged[2]).toMatchObject({
      method: 'POST',
      status: 409,
      resource_id: null,
      action: 'rejected: userName already exists',
    });
    expect(JSON.parse(logged[2].response_body)).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      scimType: 'uniqueness',
      detail: 'A user with this userName already exists in this identity server',
    });
  });

  it('never stores a password or the bearer token, in any column of any row', async () => {
    const server = await createServer(app, { logRequests: true });
    const password = 'Sup3r-Secret-Pa55word!';
    const created = await scim(
      app,
      server,
      'POST',
      `${server.base}/Users`,
      userBody('okta.user@example.com', { password }),
    );
    expect(created.status).toBe(201);
    const patch = {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', value: { password: `${password}-2` } },
        { op: 'replace', path: 'password', value: `${password}-3` },
      ],
    };
    expect((await scim(app, server, 'PATCH', `${server.base}/Users/${created.body.id}`, patch)).status).toBe(200);
    expect((await scim(app, server, 'GET', `${server.base}/Users?count=5&apiKey=${server.token}`)).status).toBe(200);
    expect((await scim(app, { token: `${server.token}x` }, 'GET', `${server.base}/Users`)).status).toBe(401);

    const logged = await rows(server);
    expect(logged.map((r) => r.action)).toEqual([
      'create user okta.user@example.com',
      'set password of user okta.user@example.com',
      'list users',
      'rejected: authentication failed: The bearer token is not valid for this identity server (wrong, expired or revoked)',
    ]);
    expect(JSON.parse(logged[0].request_body).password).toBe('[redacted]');
    const dump = JSON.stringify(await app.dataSource.query('SELECT * FROM request_logs'));
    expect(dump).not.toContain(password);
    expect(dump).not.toContain(server.token!);
    expect(dump).not.toContain(server.token!.split('.')[2]);
  });

  it('records refused authentications without bodies even when the server does not log requests', async () => {
    const server = await createServer(app, { access: { allowlist: ['127.0.0.1'] } });
    const body = userBody('intruder@example.com', { password: 'hunter2-hunter2' });
    expect(
      (
        await scim(app, { token: 'wrong' }, 'POST', `${server.base}/Users`, body, {
          'user-agent': 'Okta SCIM Client 1.0.0',
        })
      ).status,
    ).toBe(401);
    expect((await scim(app, { token: null }, 'GET', `${server.base}/Users`)).status).toBe(401);
    expect((await scim(app, server, 'GET', `${server.base}/Users`)).status).toBe(200); // not recorded: logging is off

    const logged = await rows(server);
    expect(logged).toEqual([
      expect.objectContaining({
        kind: 'auth',
        method: 'POST',
        path: `${server.base}/Users`,
        status: 401,
        user_agent: 'Okta SCIM Client 1.0.0',
        credential_id: null,
        action:
          'rejected: authentication failed: The bearer token is not valid for this identity server (wrong, expired or revoked)',
        request_body: null,
        response_body: null,
      }),
      expect.objectContaining({
        kind: 'auth',
        method: 'GET',
        status: 401,
        action: 'rejected: authentication failed: Authentication required: send "Authorization: Bearer <token>"',
      }),
    ]);
  });

  it('records a request to an inactive server (403)', async () => {
    const server = await createServer(app, { active: false });
    expect((await scim(app, server, 'GET', `${server.base}/Users`)).status).toBe(403);
    expect(await rows(server)).toEqual([
      expect.objectContaining({
        kind: 'auth',
        status: 403,
        credential_id: null,
        action: `rejected: Identity server ${server.id} is inactive`,
      }),
    ]);
  });

  it('records a refusal by the allowlist (403) and keeps nothing of an unknown server', async () => {
    const server = await createServer(app, { access: { allowlist: ['192.0.2.0/24'] } });
    expect((await scim(app, server, 'GET', `${server.base}/Users`)).status).toBe(403);
    expect((await scim(app, server, 'GET', '/scim/v2/00000000-0000-4000-8000-000000000000/Users')).status).toBe(404);
    expect(await rows(server)).toEqual([
      expect.objectContaining({
        kind: 'auth',
        status: 403,
        action: `rejected: Client address 127.0.0.1 is not in the allowlist of identity server ${server.id}`,
      }),
    ]);
  });

  it('records a group membership change and a streamed group read without reading the stream', async () => {
    const server = await createServer(app, { logRequests: true, scim: { patchStatus: 204 } });
    const user = (await scim(app, server, 'POST', `${server.base}/Users`, userBody('member@example.com'))).body;
    const group = (await scim(app, server, 'POST', `${server.base}/Groups`, groupBody('Sales'))).body;
    const add = {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: user.id }] }],
    };
    expect((await scim(app, server, 'PATCH', `${server.base}/Groups/${group.id}`, add)).status).toBe(204);
    const read = await scim(app, server, 'GET', `${server.base}/Groups/${group.id}`);
    expect(read.status).toBe(200);
    expect(read.body.members).toEqual([expect.objectContaining({ value: user.id })]);

    const logged = await rows(server);
    // Groups are answered as streams (their members are read in batches): a marker stands in for the body.
    expect(logged.slice(1).map((r) => [r.action, r.resource_id, r.response_body])).toEqual([
      ['create group Sales', group.id, STREAMED_MARKER],
      // Names the bodies do not give (a 204, a member id) are read once per written batch.
      ['add member member@example.com to group Sales', group.id, null],
      ['read group Sales', group.id, STREAMED_MARKER],
    ]);
  });

  it('stores the request body as the client sent it, a malformed one too, and several bodies of a batch apart', async () => {
    const server = await createServer(app, { logRequests: true });
    const auth = { authorization: `Bearer ${server.token}`, 'content-type': 'application/scim+json' };
    const pretty = JSON.stringify(userBody('pretty@example.com'), null, 2);
    expect((await app.request('POST', `${server.base}/Users`, { headers: auth, payload: pretty })).status).toBe(201);
    // A raw record separator (the character that parts the bodies of a batch on their way to the
    // database) in a malformed body: kept, visibly escaped, without disturbing its neighbours.
    const malformed = '{"userName": "rs\u001e-broken"\x1e';
    const refused = await app.request('POST', `${server.base}/Users`, { headers: auth, payload: malformed });
    expect(refused.status).toBe(400);
    expect(
      (await scim(app, server, 'GET', `${server.base}/Users?filter=userName eq "pretty@example.com"`)).status,
    ).toBe(200);
    const logged = await rows(server);
    expect(logged.map((r) => [r.method, r.status, r.request_body])).toEqual([
      ['POST', 201, pretty],
      ['POST', 400, '{"userName": "rs\\u001e-broken"\\u001e'],
      ['GET', 200, null],
    ]);
    expect(JSON.parse(logged[1].response_body)).toEqual(refused.body);
    expect(JSON.parse(logged[2].response_body)).toMatchObject({ totalResults: 1 });
  });

  it('authenticates before it refuses a malformed body: a wrong token gets 401, the right one 400 invalid JSON', async () => {
    const server = await createServer(app, { logRequests: true });
    const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' });
    const stranger = await app.request('POST', `${server.base}/Users`, {
      headers: headers(`${server.token}x`),
      payload: '{"userName":',
    });
    expect(stranger.status).toBe(401);
    const client = await app.request('POST', `${server.base}/Users`, {
      headers: headers(server.token!),
      payload: '{"userName":',
    });
    expect(client.status).toBe(400);
    expect(client.body).toEqual(scimError(400, /^The request body is not valid JSON: /, 'invalidSyntax'));
    const logged = await rows(server);
    expect(logged.map((r) => [r.kind, r.status, r.request_body])).toEqual([
      ['auth', 401, null],
      ['request', 400, '{"userName":'],
    ]);
  });

  it('notes in the action what a write ignored as unknown and the values no role rule maps', async () => {
    const server = await createServer(app, { logRequests: true });
    expect(
      (await app.admin('PUT', `/servers/${server.id}/attributes`, { attributes: [{ name: 'secodaRole' }] })).status,
    ).toBe(200);
    const mapping = {
      roles: ['admin', 'viewer'],
      defaultRole: 'viewer',
      rules: [{ source: 'attribute', attribute: 'secodaRole', value: 'Admin', role: 'admin' }],
    };
    expect((await app.admin('PUT', `/servers/${server.id}/role-mapping`, mapping)).status).toBe(200);
    const created = await scim(
      app,
      server,
      'POST',
      `${server.base}/Users`,
      userBody('noted@example.com', { secodaRole: 'Owner', favouriteColour: 'blue' }),
    );
    expect(created.status).toBe(201);
    const patched = await scim(app, server, 'PATCH', `${server.base}/Users/${created.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { secodaRole: 'Admin', shoeSize: 42 } }],
    });
    expect(patched.status).toBe(200);
    const group = await scim(app, server, 'POST', `${server.base}/Groups`, groupBody('Noted', { mascot: 'owl' }));
    expect(group.status).toBe(201);
    expect((await rows(server)).map((r) => r.action)).toEqual([
      'create user noted@example.com; ignored favouriteColour; no role for secodaRole=Owner',
      'update user noted@example.com: secodaRole, shoeSize; ignored shoeSize',
      'create group Noted; ignored mascot',
    ]);
  });

  it('deleting a server deletes its entries, and a batch skips the entries of a server deleted before it was written', async () => {
    const gone = await createServer(app, { logRequests: true });
    const kept = await createServer(app, { logRequests: true });
    expect((await scim(app, gone, 'GET', `${gone.base}/Users`)).status).toBe(200);
    expect((await rows(gone)).length).toBe(1);
    const late = toLogRow({ ...captured(gone.id), requestId: 'late' });
    expect((await app.admin('DELETE', `/servers/${gone.id}`)).status).toBe(204);
    expect(await app.dataSource.query('SELECT id FROM request_logs WHERE server_id = $1', [gone.id])).toEqual([]);
    const written = await app
      .get(RequestLogRepository)
      .insert([late, toLogRow({ ...captured(kept.id), requestId: 'kept' })]);
    expect(written).toBe(1);
    expect(
      await app.dataSource.query('SELECT request_id FROM request_logs WHERE server_id = ANY($1::uuid[])', [
        [gone.id, kept.id],
      ]),
    ).toEqual([{ request_id: 'kept' }]);
  });

  it('cuts bodies over 64 KiB and says how much was dropped', async () => {
    const server = await createServer(app, { logRequests: true });
    const big = userBody('big@example.com', { nickName: 'x'.repeat(70_000) });
    expect((await scim(app, server, 'POST', `${server.base}/Users`, big)).status).toBe(201);
    const [row] = await rows(server);
    const size = Buffer.byteLength(JSON.stringify(big));
    expect(row.request_body).toBe(
      `${JSON.stringify(big).slice(0, 65536)}…[truncated: ${size - 65536} of ${size} bytes dropped]`,
    );
  });
});

describe('request log: admin API', () => {
  let app: TestApp;
  let server: CreatedServer;
  let userId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app, { logRequests: true });
    // Five requests: create (201), read (200), duplicate (409), deactivate (200), unknown id (404).
    userId = (
      await scim(
        app,
        server,
        'POST',
        `${server.base}/Users`,
        userBody('alice@example.com', { password: 'alice-Pa55word' }),
      )
    ).body.id;
    await scim(app, server, 'GET', `${server.base}/Users/${userId}`);
    await scim(app, server, 'POST', `${server.base}/Users`, userBody('alice@example.com'));
    await scim(app, server, 'PATCH', `${server.base}/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    await scim(app, server, 'GET', `${server.base}/Users/00000000-0000-4000-8000-000000000000`);
    await new Promise((resolve) => setImmediate(resolve));
    await app.get(RequestLogWriter).flush();
    // One minute apart, oldest first, so that time filters have something to separate.
    const ids: { id: string }[] = await app.dataSource.query(
      'SELECT id FROM request_logs WHERE server_id = $1 ORDER BY created_at, id',
      [server.id],
    );
    for (const [i, { id }] of ids.entries()) {
      await app.dataSource.query('UPDATE request_logs SET created_at = $2 WHERE id = $1', [
        id,
        new Date(Date.UTC(2026, 0, 1, 12, i)).toISOString(),
      ]);
    }
  });
  afterAll(() => app.close());

  const list = (query = '') => app.admin('GET', `/servers/${server.id}/logs${query}`);
  const actions = (res: { body: any }) => res.body.entries.map((e: any) => e.action);

  it('lists entries newest first, without bodies', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entries: [
        expect.objectContaining({
          action: 'rejected: User 00000000-0000-4000-8000-000000000000 not found',
          status: 404,
        }),
        expect.objectContaining({ action: 'deactivate user alice@example.com', status: 200 }),
        expect.objectContaining({ action: 'rejected: userName already exists', status: 409 }),
        expect.objectContaining({ action: 'read user alice@example.com', status: 200 }),
        {
          id: expect.any(String),
          kind: 'request',
          time: '2026-01-01T12:00:00.000Z',
          requestId: expect.any(String),
          method: 'POST',
          path: `${server.base}/Users`,
          status: 201,
          durationMs: expect.any(Number),
          clientAddress: '127.0.0.1',
          userAgent: 'lightMyRequest',
          credentialId: server.credentialId,
          resourceType: 'Users',
          resourceId: userId,
          action: 'create user alice@example.com',
        },
      ],
      nextCursor: null,
    });
  });

  it('filters by status class, method, resource, action, time and free text', async () => {
    expect(actions(await list('?status=4xx'))).toEqual([
      'rejected: User 00000000-0000-4000-8000-000000000000 not found',
      'rejected: userName already exists',
    ]);
    expect(actions(await list('?method=patch'))).toEqual(['deactivate user alice@example.com']);
    expect(actions(await list(`?resourceType=users&resourceId=${userId}`))).toEqual([
      'deactivate user alice@example.com',
      'read user alice@example.com',
      'create user alice@example.com',
    ]);
    expect(actions(await list('?action=DEACTIVATE'))).toEqual(['deactivate user alice@example.com']);
    expect(actions(await list('?from=2026-01-01T12:01:00Z&to=2026-01-01T12:03:00Z'))).toEqual([
      'rejected: userName already exists',
      'read user alice@example.com',
    ]);
    expect(actions(await list('?q=uniqueness'))).toEqual(['rejected: userName already exists']);
    expect(actions(await list('?q=100%25'))).toEqual([]);
    expect(actions(await list('?status=5xx'))).toEqual([]);
  });

  it("takes SCIM's resource type names (User) beside the endpoints (Users), and exact status codes beside classes", async () => {
    const aboutAlice = [
      'deactivate user alice@example.com',
      'read user alice@example.com',
      'create user alice@example.com',
    ];
    for (const type of ['User', 'user', 'Users', 'USERS'])
      expect(actions(await list(`?resourceType=${type}&resourceId=${userId}`))).toEqual(aboutAlice);
    expect(actions(await list('?resourceType=Group'))).toEqual([]);
    expect(actions(await list('?status=404'))).toEqual([
      'rejected: User 00000000-0000-4000-8000-000000000000 not found',
    ]);
    expect(actions(await list('?status=409&resourceType=User'))).toEqual(['rejected: userName already exists']);
    expect(actions(await list('?status=201'))).toEqual(['create user alice@example.com']);
    expect(actions(await list('?status=4XX'))).toEqual([
      'rejected: User 00000000-0000-4000-8000-000000000000 not found',
      'rejected: userName already exists',
    ]);
    expect(actions(await list('?status=400'))).toEqual([]);
    for (const status of ['9xx', '600', '40', '4x', '4044']) {
      expect(await list(`?status=${status}`)).toMatchObject({
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'status must be a status class (1xx to 5xx) or a status code from 100 to 599, e.g. 4xx or 404',
        },
      });
    }
  });

  it('pages with cursor and limit, bound to its filters', async () => {
    const first = await list('?limit=2');
    expect(first.status).toBe(200);
    expect(actions(first)).toEqual([
      'rejected: User 00000000-0000-4000-8000-000000000000 not found',
      'deactivate user alice@example.com',
    ]);
    const second = await list(`?limit=2&cursor=${first.body.nextCursor}`);
    expect(actions(second)).toEqual(['rejected: userName already exists', 'read user alice@example.com']);
    const third = await list(`?limit=2&cursor=${second.body.nextCursor}`);
    expect(actions(third)).toEqual(['create user alice@example.com']);
    expect(third.body.nextCursor).toBeNull();

    const other = await list(`?limit=2&status=2xx&cursor=${first.body.nextCursor}`);
    expect(other.status).toBe(400);
    expect(other.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The cursor belongs to different filters: start again without a cursor',
    });
    expect((await list('?cursor=nonsense')).body.message).toBe(
      'The cursor is not one this server issued: use nextCursor of a previous page, or no cursor to start',
    );
    expect((await list('?limit=0')).status).toBe(400);
    expect((await list('?status=6xx')).status).toBe(400);
    expect((await list('?from=yesterday')).status).toBe(400);
  });

  it('shows one entry with its redacted bodies', async () => {
    const created = (await list('?method=POST&status=2xx')).body.entries[0];
    const res = await app.admin('GET', `/servers/${server.id}/logs/${created.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...created,
      requestBody: userBody('alice@example.com', { password: '[redacted]' }),
      responseBody: expect.objectContaining({ id: userId, userName: 'alice@example.com' }),
    });
    const missing = await app.admin('GET', `/servers/${server.id}/logs/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe(
      `Identity server ${server.id} has no log entry 00000000-0000-4000-8000-000000000000`,
    );
  });

  it('exports matching entries as NDJSON, with bodies', async () => {
    const res = await app.app.inject({
      method: 'GET',
      url: `/admin/servers/${server.id}/logs/export?status=2xx`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="scimd-log-${server.id}.ndjson"`);
    const lines = res.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.action)).toEqual([
      'deactivate user alice@example.com',
      'read user alice@example.com',
      'create user alice@example.com',
    ]);
    expect(lines[2].requestBody.password).toBe('[redacted]');
    expect(res.body).not.toContain('alice-Pa55word');
  });

  it('needs the admin token and a known server', async () => {
    expect((await app.admin('GET', `/servers/${server.id}/logs`, undefined, 'wrong-token-0123456789')).status).toBe(
      401,
    );
    const unknown = await app.admin('GET', '/servers/00000000-0000-4000-8000-000000000000/logs');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Identity server 00000000-0000-4000-8000-000000000000 not found');
  });

  it('deletes the entries older than a time', async () => {
    const refused = await app.admin('DELETE', `/servers/${server.id}/logs`);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('before must be an ISO 8601 time, e.g. 2026-01-31T00:00:00Z');
    const res = await app.admin('DELETE', `/servers/${server.id}/logs?before=2026-01-01T12:02:00Z`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deleted: 2 });
    expect(actions(await list())).toEqual([
      'rejected: User 00000000-0000-4000-8000-000000000000 not found',
      'deactivate user alice@example.com',
      'rejected: userName already exists',
    ]);
  });

  it('reports the queue of this instance', async () => {
    const res = await app.admin('GET', '/logs/stats');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      queued: 0,
      queuedBytes: 0,
      written: expect.any(Number),
      dropped: 0,
      droppedNotYetRecorded: 0,
      failedBatches: 0,
      waitingForDatabase: false,
    });
  });
});

describe('request log: filtered pages', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it('read the (server_id, created_at, id) index backwards, with status and resource type as conditions on its rows', async () => {
    const [server, other] = [await createServer(app), await createServer(app)];
    // 20,000 entries of two servers, a tenth of them 404s on Users, as a busy log holds.
    await app.dataSource.query(
      `INSERT INTO request_logs (id, server_id, kind, created_at, method, path, status, resource_type, action)
       SELECT gen_random_uuid(), CASE WHEN i % 2 = 0 THEN $1::uuid ELSE $2::uuid END, 'request', timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second',
              'GET', '/scim/v2/x/Users', CASE WHEN i % 10 = 0 THEN 404 ELSE 200 END, CASE WHEN i % 3 = 0 THEN 'Groups' ELSE 'Users' END, 'read'
         FROM generate_series(1, 20000) AS i`,
      [server.id, other.id],
    );
    await app.dataSource.query('VACUUM ANALYZE request_logs');
    const filter = { status: '404', resourceType: 'User' };
    for (const after of [
      undefined,
      { createdAt: new Date('2026-01-01T03:00:00Z'), id: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const { sql, values } = logPageStatement(server.id, filter, after, 51);
      const [
        {
          'QUERY PLAN': [plan],
        },
      ] = await app.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, values);
      const nodes: string[] = [];
      const walk = (node: any) => {
        nodes.push(
          `${node['Node Type']}${node['Index Name'] ? ` ${node['Index Name']} ${node['Scan Direction']}` : ''}`,
        );
        for (const child of node.Plans ?? []) walk(child);
      };
      walk(plan.Plan);
      expect(nodes).toEqual(['Limit', 'Index Scan IDX_request_logs_server_created Backward']);
    }
    const page = await app.get(RequestLogsService).list(server.id, { ...filter, limit: 3 });
    expect(page.entries.map((e) => [e.status, e.resourceType])).toEqual([
      [404, 'Users'],
      [404, 'Users'],
      [404, 'Users'],
    ]);
  });
});

describe('request log: retention', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const DAY = 24 * 3600 * 1000;

  async function logAged(server: CreatedServer, ages: number[]): Promise<void> {
    for (const _ of ages) await scim(app, server, 'GET', `${server.base}/ServiceProviderConfig`);
    await new Promise((resolve) => setImmediate(resolve));
    await app.get(RequestLogWriter).flush();
    const ids: { id: string }[] = await app.dataSource.query(
      'SELECT id FROM request_logs WHERE server_id = $1 ORDER BY created_at, id',
      [server.id],
    );
    for (const [i, { id }] of ids.entries())
      await app.dataSource.query('UPDATE request_logs SET created_at = $2 WHERE id = $1', [
        id,
        new Date(Date.now() - ages[i] * DAY).toISOString(),
      ]);
  }

  const count = async (server: CreatedServer) =>
    (await app.dataSource.query('SELECT count(*)::int AS n FROM request_logs WHERE server_id = $1', [server.id]))[0].n;

  it('keeps 30 days by default; logRetentionDays is set on create and PATCH, 1 to 3650', async () => {
    const server = await createServer(app);
    expect(server.body.logRetentionDays).toBe(30);
    const created = await createServer(app, { logRetentionDays: 7 });
    expect(created.body.logRetentionDays).toBe(7);
    const patched = await app.admin('PATCH', `/servers/${server.id}`, { logRetentionDays: 90 });
    expect(patched.status).toBe(200);
    expect(patched.body.logRetentionDays).toBe(90);
    for (const bad of [0, 3651, 1.5, '7']) {
      const res = await app.admin('PATCH', `/servers/${server.id}`, { logRetentionDays: bad });
      expect(res.status).toBe(400);
    }
  });

  it('the purge removes the entries older than each server keeps, and nothing else', async () => {
    const week = await createServer(app, { logRequests: true, logRetentionDays: 7 });
    const month = await createServer(app, { logRequests: true });
    await logAged(week, [10, 8, 6, 1]);
    await logAged(month, [40, 10, 1]);
    const retention = app.get(LogRetention);
    expect(await retention.purge()).toBe(3);
    expect(await count(week)).toBe(2);
    expect(await count(month)).toBe(2);
    expect(await retention.purge()).toBe(0); // idempotent
  });

  (ENGINE === 'postgres' ? it : it.skip)('skips the round while another instance holds the purge lock', async () => {
    const server = await createServer(app, { logRequests: true, logRetentionDays: 1 });
    await logAged(server, [5]);
    const runner = app.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [PURGE_LOCK]);
      expect(await app.get(LogRetention).purge()).toBe(0);
      expect(await count(server)).toBe(1);
      await runner.query('SELECT pg_advisory_unlock($1)', [PURGE_LOCK]);
      expect(await app.get(LogRetention).purge()).toBe(1);
    } finally {
      await runner.release();
    }
  });
});

describe('request log: CLI tail', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const flush = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    await app.get(RequestLogWriter).flush();
  };

  it('prints the recent entries oldest first, then follows new ones until stopped', async () => {
    const server = await createServer(app, { logRequests: true });
    await scim(app, server, 'POST', `${server.base}/Users`, userBody('tail@example.com'));
    await scim(app, server, 'GET', `${server.base}/Users?filter=userName eq "tail@example.com"`);
    await flush();

    const out: string[] = [];
    const stop = new AbortController();
    const logs = app.get(RequestLogsService);
    const following = tailLogs(logs, server.id, {
      json: false,
      follow: true,
      limit: 20,
      intervalMs: 20,
      signal: stop.signal,
      write: (t) => out.push(t),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(out).toEqual([
      expect.stringMatching(
        new RegExp(
          `^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z  201  POST    create user tail@example\\.com  ${server.base}/Users  \\d+ ms\\n$`,
        ),
      ),
      expect.stringMatching(
        / {2}200 {2}GET {5}search users where userName eq "tail@example\.com" {2}\/scim\/v2\/.+\/Users\?filter=userName%20eq%20%22tail@example\.com%22 {2}\d+ ms\n$/,
      ),
    ]);

    await scim(
      app,
      server,
      'DELETE',
      `${server.base}/Users/${(await app.dataSource.query('SELECT resource_id FROM request_logs WHERE server_id = $1 AND status = 201', [server.id]))[0].resource_id}`,
    );
    await flush();
    for (let i = 0; i < 50 && out.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
    await following;
    expect(out).toHaveLength(3);
    expect(out[2]).toMatch(/ {2}204 {2}DELETE {2}delete user [0-9a-f-]{36} {2}/);
  });

  it('filters by an exact status and by resource type, SCIM name or endpoint', async () => {
    const server = await createServer(app, { logRequests: true });
    await scim(app, server, 'POST', `${server.base}/Users`, userBody('filtered@example.com'));
    await scim(app, server, 'GET', `${server.base}/Users/00000000-0000-4000-8000-000000000000`);
    await scim(app, server, 'POST', `${server.base}/Groups`, groupBody('Filtered'));
    await flush();
    const tail = async (options: { status?: string; resourceType?: string }) => {
      const out: string[] = [];
      await tailLogs(app.get(RequestLogsService), server.id, {
        json: true,
        follow: false,
        limit: 20,
        ...options,
        write: (t) => out.push(t),
      });
      return out.map((line) => JSON.parse(line).action);
    };
    expect(await tail({ status: '404' })).toEqual(['rejected: User 00000000-0000-4000-8000-000000000000 not found']);
    expect(await tail({ resourceType: 'User' })).toEqual([
      'create user filtered@example.com',
      'rejected: User 00000000-0000-4000-8000-000000000000 not found',
    ]);
    expect(await tail({ resourceType: 'Group', status: '2xx' })).toEqual(['create group Filtered']);
    expect(validateTailOptions('404', undefined, 'User')).toBeUndefined();
    expect(validateTailOptions('9xx', undefined)).toBe(
      '--status must be a status class (1xx to 5xx) or a status code from 100 to 599, e.g. 4xx or 404',
    );
    expect(validateTailOptions(undefined, undefined, 'x'.repeat(33))).toBe(
      '--resource-type must be 1 to 32 characters: User, Group, Bulk, token…',
    );
  });

  it('prints JSON lines with --json, and says when there is nothing yet', async () => {
    const server = await createServer(app, { logRequests: true });
    const out: string[] = [];
    const logs = app.get(RequestLogsService);
    await tailLogs(logs, server.id, { json: false, follow: false, limit: 20, write: (t) => out.push(t) });
    expect(out).toEqual(['(no entries yet)\n']);
    await scim(app, server, 'GET', `${server.base}/Schemas`);
    await flush();
    out.length = 0;
    await tailLogs(logs, server.id, { json: true, follow: false, limit: 20, write: (t) => out.push(t) });
    expect(out.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ method: 'GET', status: 200, action: 'read Schemas', resourceType: 'Schemas' }),
    ]);
  });
});
