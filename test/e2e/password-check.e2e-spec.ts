import { createServer, CreatedServer, scim, userBody } from '../support/factories';
import { TestApp } from '../support/test-app';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patchOf = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });
const UNAUTHORIZED = {
  statusCode: 401,
  error: 'Unauthorized',
  message: 'Invalid userName or password, or the user is inactive',
};

/** Okta pushes passwords; the application checks them through the admin API. */
describe('pushed passwords and POST /admin/servers/:id/authenticate', () => {
  let app: TestApp;
  let server: CreatedServer;

  const check = (userName: string, password: string, target = server) =>
    app.admin('POST', `/servers/${target.id}/authenticate`, { userName, password });

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
  });
  afterAll(() => app.close());

  it('POST with a password: 200 with id, userName, active and role (null without role mapping); the password is never returned', async () => {
    const created = await scim(
      app,
      server,
      'POST',
      `${server.base}/Users`,
      userBody('Okta.User@example.com', { password: 'first-Passw0rd' }),
    );
    expect(created.status).toBe(201);
    expect(created.body.password).toBeUndefined();
    const res = await check('okta.user@EXAMPLE.com', 'first-Passw0rd');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: created.body.id, userName: 'Okta.User@example.com', active: true, role: null });
    const stored = await app.dataSource.query('SELECT password_hash, data FROM scim_users WHERE id = $1', [
      created.body.id,
    ]);
    expect(stored[0].password_hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(stored[0])).not.toContain('first-Passw0rd');
  });

  it("Okta's path-less PATCH replaces the password; PUT without one keeps it; inactive users fail", async () => {
    const user = (
      await scim(app, server, 'POST', `${server.base}/Users`, userBody(undefined, { password: 'old-Passw0rd' }))
    ).body;
    const url = `${server.base}/Users/${user.id}`;
    const patched = await scim(
      app,
      server,
      'PATCH',
      url,
      patchOf({ op: 'replace', value: { password: 'new-Passw0rd' } }),
    );
    expect(patched.status).toBe(200);
    expect(patched.body.password).toBeUndefined();
    expect(patched.headers.etag).toBe('W/"2"');
    expect((await check(user.userName, 'old-Passw0rd')).status).toBe(401);
    expect((await check(user.userName, 'new-Passw0rd')).status).toBe(200);
    expect((await scim(app, server, 'PUT', url, userBody(user.userName, { displayName: 'X' }))).status).toBe(200);
    expect((await check(user.userName, 'new-Passw0rd')).status).toBe(200);
    await scim(app, server, 'PATCH', url, patchOf({ op: 'replace', path: 'active', value: false }));
    const inactive = await check(user.userName, 'new-Passw0rd');
    expect(inactive.status).toBe(401);
    expect(inactive.body).toEqual(UNAUTHORIZED);
  });

  it('401 alike for a wrong password, an unknown user and a user without a password; 400 for a malformed body; 404 for an unknown server', async () => {
    const user = (await scim(app, server, 'POST', `${server.base}/Users`, userBody())).body;
    expect((await check(user.userName, 'anything')).body).toEqual(UNAUTHORIZED);
    expect((await check('nobody@example.com', 'anything')).body).toEqual(UNAUTHORIZED);
    const bad = await app.admin('POST', `/servers/${server.id}/authenticate`, { userName: 'x' });
    expect(bad.status).toBe(400);
    expect(
      (
        await app.admin('POST', '/servers/00000000-0000-4000-8000-000000000000/authenticate', {
          userName: 'x',
          password: 'y',
        })
      ).status,
    ).toBe(404);
  });

  it('is throttled per user like failed logins: 429 with Retry-After, even for the right password', async () => {
    const own = await createServer(app);
    const user = (
      await scim(app, own, 'POST', `${own.base}/Users`, userBody(undefined, { password: 'right-Passw0rd' }))
    ).body;
    for (let i = 0; i < 10; i++) expect((await check(user.userName, `wrong-${i}`, own)).status).toBe(401);
    expect((await check(user.userName, 'wrong-again', own)).status).toBe(401);
    const throttled = await check(user.userName, 'right-Passw0rd', own);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another user of the same server is not affected.
    const other = (
      await scim(app, own, 'POST', `${own.base}/Users`, userBody(undefined, { password: 'other-Passw0rd' }))
    ).body;
    expect((await check(other.userName, 'other-Passw0rd', own)).status).toBe(200);
  });

  it('answers the effective role when role mapping is on', async () => {
    const own = await createServer(app);
    await app.admin('PUT', `/servers/${own.id}/role-mapping`, {
      roles: ['admin', 'member'],
      defaultRole: 'member',
      rules: [{ source: 'entraRole', value: 'Admin', role: 'admin' }],
    });
    const user = (
      await scim(
        app,
        own,
        'POST',
        `${own.base}/Users`,
        userBody(undefined, { password: 'right-Passw0rd', roles: [{ value: 'Admin' }] }),
      )
    ).body;
    expect((await check(user.userName, 'right-Passw0rd', own)).body).toEqual({
      id: user.id,
      userName: user.userName,
      active: true,
      role: 'admin',
    });
  });
});
