import { createServer, scim, SCIM_JSON, uniqueName, userBody } from '../support/factories';
import { PUBLIC_URL, TestApp } from '../support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('admin API: identity servers', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  describe('POST /admin/servers', () => {
    it('creates a bearer server and returns its SCIM URL and a token, once', async () => {
      const name = uniqueName('Entra');
      const res = await app.admin('POST', '/servers', {
        name,
        security: { method: 'bearer' },
        isDefault: false,
        active: true,
        logRequests: false,
      });
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        name,
        isDefault: false,
        active: true,
        logRequests: false,
        logRetentionDays: 30,
        security: { method: 'bearer' },
        scim: { patchStatus: 200, strict: false, unknownMembers: 'reject', memberDisplay: 'resource' },
        access: { allowlist: [], rateLimit: { requestsPerSecond: 50, burst: 100 } },
        scimUrl: `${PUBLIC_URL}/scim/v2/${res.body.id}`,
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
        credentials: {
          id: expect.stringMatching(UUID),
          token: expect.stringMatching(/^ey[\w-]+\.[\w-]+\.[\w-]+$/),
          expiresAt: expect.stringMatching(ISO),
        },
      });
      const years = (Date.parse(res.body.credentials.expiresAt) - Date.now()) / (365.25 * 24 * 3600 * 1000);
      expect(years).toBeGreaterThan(9.9);
      expect(years).toBeLessThan(10.1);
    });

    it('creates a none server with null credentials, and a bearer token lifetime when asked', async () => {
      const none = await app.admin('POST', '/servers', { name: uniqueName(), security: { method: 'none' } });
      expect(none.status).toBe(201);
      expect(none.body.credentials).toBeNull();
      expect(none.body.security).toEqual({ method: 'none' });
      expect(none.body.warnings).toEqual([
        `identity server "${none.body.name}" uses security method none: anyone who can reach ${none.body.scimUrl} can read and change its users and groups`,
      ]);
      expect((await app.admin('GET', `/servers/${none.body.id}`)).body.warnings).toEqual(none.body.warnings);

      const short = await app.admin('POST', '/servers', {
        name: uniqueName(),
        security: { method: 'bearer', tokenLifetimeDays: 30 },
      });
      expect(short.status).toBe(201);
      expect(short.body.security).toEqual({ method: 'bearer', tokenLifetimeDays: 30 });
      const days = (Date.parse(short.body.credentials.expiresAt) - Date.now()) / (24 * 3600 * 1000);
      expect(Math.round(days)).toBe(30);
    });

    it('defaults to bearer, active, not default, not logging', async () => {
      const res = await app.admin('POST', '/servers', { name: uniqueName() });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        isDefault: false,
        active: true,
        logRequests: false,
        security: { method: 'bearer' },
      });
      expect(res.body.credentials.token).toEqual(expect.any(String));
    });

    it.each([
      [{}, 'name is required'],
      [{ name: 42 }, 'name must be a string'],
      [{ name: '' }, 'name must be longer than or equal to 1 characters'],
      [{ name: 'x'.repeat(201) }, 'name must be shorter than or equal to 200 characters'],
      [{ name: 'a\u0007b' }, 'name must not contain control characters'],
      [
        { name: 'a\u0000b' },
        'The request body holds a NUL character (\\u0000) at name; it cannot be stored: remove it',
      ],
      [
        { name: 'ok', security: { method: 'kerberos' } },
        'security.method must be one of: none, basic, digest, bearer, oauth2',
      ],
      [
        { name: 'ok', security: { method: 'bearer', tokenLifetimeDays: 0 } },
        'security.tokenLifetimeDays must not be less than 1',
      ],
      [
        { name: 'ok', security: { method: 'oauth2', redirectUris: ['myapp://callback'] } },
        'security.redirectUris must each be an http(s) URL',
      ],
      [
        { name: 'ok', security: { method: 'oauth2', clientAssertion: { issuer: 'i', subject: 's', jwksUrl: 'jwks' } } },
        'security.clientAssertion.jwksUrl must be an http(s) URL',
      ],
      [
        {
          name: 'ok',
          security: { method: 'oauth2', redirectUris: ['https://idp.example/cb', 'http://[::1]:8080/cb'] },
        },
        'security.redirectUris must each name their host by a DNS name or an IPv4 address: a browser cannot be sent back to an IPv6 literal from the approval page',
      ],
      [{ name: 'ok', isDefault: 'yes' }, 'isDefault must be a boolean value'],
      [{ name: 'ok', color: 'red' }, 'property color should not exist'],
      [{ name: 'ok', scim: { patchStatus: 201 } }, 'scim.patchStatus must be 200 or 204'],
      [{ name: 'ok', scim: { strict: 'yes' } }, 'scim.strict must be true or false'],
      [{ name: 'ok', scim: { unknownMembers: 'drop' } }, 'scim.unknownMembers must be "reject" or "ignore"'],
      [{ name: 'ok', scim: { lenient: true } }, 'scim.property lenient should not exist'],
    ])('refuses %j with 400 and a precise message', async (body, message) => {
      const res = await app.admin('POST', '/servers', body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    });

    it('refuses malformed JSON with 400', async () => {
      const res = await app.request('POST', '/admin/servers', {
        headers: { authorization: `Bearer ${app.config.adminToken}`, 'content-type': 'application/json' },
        payload: '{"name":',
      });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.stringMatching(/^The request body is not valid JSON/),
      });
    });

    it('refuses a duplicate name, case-insensitively, with 409', async () => {
      const name = uniqueName('Okta');
      expect((await app.admin('POST', '/servers', { name })).status).toBe(201);
      const res = await app.admin('POST', '/servers', { name: name.toUpperCase() });
      expect(res.status).toBe(409);
      expect(res.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'An identity server with this name already exists',
      });
    });
  });

  describe('admin authentication', () => {
    it.each([
      [
        'no header',
        {},
        'Missing admin token: send "Authorization: Bearer <admin token>"',
        'Bearer realm="scimd-admin"',
      ],
      [
        'a wrong token',
        { authorization: 'Bearer not-the-admin-token' },
        'The admin token is not valid',
        'Bearer realm="scimd-admin", error="invalid_token"',
      ],
      [
        'another scheme',
        { authorization: 'Basic YWRtaW46YWRtaW4=' },
        'Missing admin token: send "Authorization: Bearer <admin token>"',
        'Bearer realm="scimd-admin"',
      ],
    ])('answers %s with 401 and a challenge', async (_, headers, message, challenge) => {
      const res = await app.request('GET', '/admin/servers', { headers });
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe(challenge);
      expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message });
    });

    it('does not accept a SCIM token as the admin token', async () => {
      const server = await createServer(app);
      const res = await app.admin('GET', '/servers', undefined, server.token!);
      expect(res.status).toBe(401);
    });
  });

  describe('GET', () => {
    it('shows a server without any secret, and lists it', async () => {
      const server = await createServer(app, { logRequests: true });
      const res = await app.admin('GET', `/servers/${server.id}`);
      expect(res.status).toBe(200);
      const { credentials, ...view } = server.body;
      expect(credentials.token).toBeDefined();
      expect(res.body).toEqual(view);
      expect(res.text).not.toContain(credentials.token);

      const list = await app.admin('GET', '/servers');
      expect(list.status).toBe(200);
      expect(list.body).toContainEqual(view);
      expect(list.text).not.toContain('"token"');
    });

    it('answers 404 for an unknown or malformed id', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      const res = await app.admin('GET', `/servers/${unknown}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: `Identity server ${unknown} not found`,
      });
      const bad = await app.admin('GET', '/servers/not-a-uuid');
      expect(bad.status).toBe(404);
      expect(bad.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'No identity server with id not-a-uuid',
      });
    });
  });

  describe('PATCH /admin/servers/:id', () => {
    it('changes name, active and logRequests', async () => {
      const server = await createServer(app);
      const name = uniqueName('Renamed');
      const res = await app.admin('PATCH', `/servers/${server.id}`, { name, active: false, logRequests: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: server.id, name, active: false, logRequests: true, credentials: null });
      expect((await app.admin('GET', `/servers/${server.id}`)).body).toMatchObject({
        name,
        active: false,
        logRequests: true,
      });
    });

    it('keeps at most one default server', async () => {
      const a = await createServer(app, { isDefault: true });
      const b = await createServer(app);
      const res = await app.admin('PATCH', `/servers/${b.id}`, { isDefault: true });
      expect(res.status).toBe(200);
      expect(res.body.isDefault).toBe(true);
      expect((await app.admin('GET', `/servers/${a.id}`)).body.isDefault).toBe(false);
      const defaults = (await app.admin('GET', '/servers')).body.filter((s: { isDefault: boolean }) => s.isDefault);
      expect(defaults.map((s: { id: string }) => s.id)).toEqual([b.id]);
    });

    it('changing the security method revokes the old credentials and issues a new one', async () => {
      const server = await createServer(app);
      expect((await scim(app, server, 'GET', `${server.base}/ServiceProviderConfig`)).status).toBe(200);

      const toNone = await app.admin('PATCH', `/servers/${server.id}`, { security: { method: 'none' } });
      expect(toNone.status).toBe(200);
      expect(toNone.body).toMatchObject({ security: { method: 'none' }, credentials: null });
      const creds = await app.admin('GET', `/servers/${server.id}/credentials`);
      expect(creds.body).toEqual([
        expect.objectContaining({ id: server.credentialId, revokedAt: expect.stringMatching(ISO) }),
      ]);

      const back = await app.admin('PATCH', `/servers/${server.id}`, { security: { method: 'bearer' } });
      expect(back.body.credentials).toEqual({
        id: expect.stringMatching(UUID),
        token: expect.any(String),
        expiresAt: expect.stringMatching(ISO),
      });
      expect((await scim(app, server, 'GET', `${server.base}/ServiceProviderConfig`)).status).toBe(401);
      expect(
        (await scim(app, { token: back.body.credentials.token }, 'GET', `${server.base}/ServiceProviderConfig`)).status,
      ).toBe(200);
    });

    it('refuses bad input and unknown ids', async () => {
      const server = await createServer(app);
      const bad = await app.admin('PATCH', `/servers/${server.id}`, { active: 'no' });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toBe('active must be a boolean value');
      const missing = await app.admin('PATCH', '/servers/00000000-0000-4000-8000-000000000000', { active: false });
      expect(missing.status).toBe(404);
    });
  });

  describe('DELETE /admin/servers/:id', () => {
    it('removes the server with its users, groups and credentials', async () => {
      const server = await createServer(app);
      const user = await scim(app, server, 'POST', `${server.base}/Users`, userBody());
      expect(user.status).toBe(201);
      const group = await scim(app, server, 'POST', `${server.base}/Groups`, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Sales',
        members: [{ value: user.body.id }],
      });
      expect(group.status).toBe(201);

      const res = await app.admin('DELETE', `/servers/${server.id}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect((await app.admin('GET', `/servers/${server.id}`)).status).toBe(404);
      const counts = await app.dataSource.query(
        `SELECT (SELECT count(*) FROM scim_users WHERE server_id = $1)::int AS users,
                (SELECT count(*) FROM scim_groups WHERE server_id = $1)::int AS groups,
                (SELECT count(*) FROM scim_group_members WHERE server_id = $1)::int AS members,
                (SELECT count(*) FROM credentials WHERE server_id = $1)::int AS credentials`,
        [server.id],
      );
      expect(counts).toEqual([{ users: 0, groups: 0, members: 0, credentials: 0 }]);
      const after = await scim(app, server, 'GET', `${server.base}/Users`);
      expect(after.status).toBe(404);
      expect(after.headers['content-type']).toBe(SCIM_JSON);
      expect((await app.admin('DELETE', `/servers/${server.id}`)).status).toBe(404);
    });
  });
});
