import { STREAMED_MARKER } from '../../src/audit-log/request-log/log-row';
import { RequestLogWriter } from '../../src/audit-log/request-log/request-log.writer';
import { createServer, CreatedServer, groupBody, scim, userBody } from '../support/factories';
import { TestApp } from '../support/test-app';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

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
    expect((await scim(app, server, 'GET', `${server.base}/Users?filter=userName eq "quiet@example.com"`)).status).toBe(200);
    expect(await rows(server)).toEqual([]);
  });

  it('records every SCIM request of a server that logs: what was asked, what was answered, and the derived action', async () => {
    const server = await createServer(app, { logRequests: true });
    const created = await scim(app, server, 'POST', `${server.base}/Users`, userBody('jdoe@contoso.com'), { 'user-agent': 'Azure AD Provisioning', 'x-request-id': 'req-create-1' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const deactivated = await scim(app, server, 'PATCH', `${server.base}/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: false }] });
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
    expect(logged[1]).toMatchObject({ method: 'PATCH', status: 200, resource_id: id, action: 'deactivate user jdoe@contoso.com' });
    expect(logged[2]).toMatchObject({ method: 'POST', status: 409, resource_id: null, action: 'rejected: userName already exists' });
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
    const created = await scim(app, server, 'POST', `${server.base}/Users`, userBody('okta.user@example.com', { password }));
    expect(created.status).toBe(201);
    const patch = { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { password: `${password}-2` } }, { op: 'replace', path: 'password', value: `${password}-3` }] };
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
    expect((await scim(app, { token: 'wrong' }, 'POST', `${server.base}/Users`, body, { 'user-agent': 'Okta SCIM Client 1.0.0' })).status).toBe(401);
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
        action: 'rejected: authentication failed: The bearer token is not valid for this identity server (wrong, expired or revoked)',
        request_body: null,
        response_body: null,
      }),
      expect.objectContaining({ kind: 'auth', method: 'GET', status: 401, action: 'rejected: authentication failed: Authentication required: send "Authorization: Bearer <token>"' }),
    ]);
  });

  it('records a refusal by the allowlist (403) and keeps nothing of an unknown server', async () => {
    const server = await createServer(app, { access: { allowlist: ['192.0.2.0/24'] } });
    expect((await scim(app, server, 'GET', `${server.base}/Users`)).status).toBe(403);
    expect((await scim(app, server, 'GET', '/scim/v2/00000000-0000-4000-8000-000000000000/Users')).status).toBe(404);
    expect(await rows(server)).toEqual([
      expect.objectContaining({ kind: 'auth', status: 403, action: `rejected: Client address 127.0.0.1 is not in the allowlist of identity server ${server.id}` }),
    ]);
  });

  it('records a group membership change and a streamed group read without reading the stream', async () => {
    const server = await createServer(app, { logRequests: true, scim: { patchStatus: 204 } });
    const user = (await scim(app, server, 'POST', `${server.base}/Users`, userBody('member@example.com'))).body;
    const group = (await scim(app, server, 'POST', `${server.base}/Groups`, groupBody('Sales'))).body;
    const add = { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: user.id }] }] };
    expect((await scim(app, server, 'PATCH', `${server.base}/Groups/${group.id}`, add)).status).toBe(204);
    const read = await scim(app, server, 'GET', `${server.base}/Groups/${group.id}`);
    expect(read.status).toBe(200);
    expect(read.body.members).toEqual([expect.objectContaining({ value: user.id })]);

    const logged = await rows(server);
    // Groups are answered as streams (their members are read in batches): a marker stands in for the body.
    expect(logged.slice(1).map((r) => [r.action, r.resource_id, r.response_body])).toEqual([
      ['create group Sales', group.id, STREAMED_MARKER],
      [`add member ${user.id} to group ${group.id}`, group.id, null],
      [`read group ${group.id}`, group.id, STREAMED_MARKER],
    ]);
  });

  it('cuts bodies over 64 KiB and says how much was dropped', async () => {
    const server = await createServer(app, { logRequests: true });
    const big = userBody('big@example.com', { nickName: 'x'.repeat(70_000) });
    expect((await scim(app, server, 'POST', `${server.base}/Users`, big)).status).toBe(201);
    const [row] = await rows(server);
    const size = Buffer.byteLength(JSON.stringify(big));
    expect(row.request_body).toBe(`${JSON.stringify(big).slice(0, 65536)}…[truncated: ${size - 65536} of ${size} bytes dropped]`);
  });
});
