import { createServer, CreatedServer, scim, SCIM_JSON, scimError } from '../support/factories';
import { TestApp } from '../support/test-app';

const DEFAULT_ACCESS = { allowlist: [], rateLimit: { requestsPerSecond: 50, burst: 100 } };
const notAllowed = (address: string, serverId: string) =>
  scimError(403, `Client address ${address} is not in the allowlist of identity server ${serverId}`);

describe('per-server access limits', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const spc = (server: Pick<CreatedServer, 'base' | 'token'>, headers: Record<string, string> = {}) =>
    scim(app, server, 'GET', `${server.base}/ServiceProviderConfig`, undefined, headers);

  describe('IP allowlist', () => {
    it('lets in a client whose address is listed (the test client is 127.0.0.1)', async () => {
      const server = await createServer(app, { access: { allowlist: ['192.0.2.0/24', '127.0.0.1'] } });
      const res = await spc(server);
      expect(res.status).toBe(200);
      const cidr = await createServer(app, { access: { allowlist: ['127.0.0.0/8'] } });
      expect((await spc(cidr)).status).toBe(200);
    });

    it('refuses any other address with 403 and a SCIM error, before authentication', async () => {
      const server = await createServer(app, { access: { allowlist: ['192.0.2.0/24', '2001:db8::/32'] } });
      for (const token of [server.token, null, 'wrong']) {
        const res = await spc({ ...server, token });
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toBe(SCIM_JSON);
        expect(res.headers['www-authenticate']).toBeUndefined();
        expect(res.body).toEqual(notAllowed('127.0.0.1', server.id));
      }
      const write = await scim(app, server, 'POST', `${server.base}/Users`, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'x',
      });
      expect(write.status).toBe(403);
      expect(write.body).toEqual(notAllowed('127.0.0.1', server.id));
    });

    it('matches an IPv4-mapped IPv6 client address against IPv4 ranges', async () => {
      const server = await createServer(app, { access: { allowlist: ['127.0.0.1'] } });
      const inject = (remoteAddress: string) =>
        app.app.inject({
          method: 'GET',
          url: `${server.base}/ServiceProviderConfig`,
          remoteAddress,
          headers: { authorization: `Bearer ${server.token}` },
        });
      expect((await inject('::ffff:127.0.0.1')).statusCode).toBe(200);
      const refused = await inject('::ffff:127.0.0.2');
      expect(refused.statusCode).toBe(403);
      expect(JSON.parse(refused.body)).toEqual(notAllowed('::ffff:127.0.0.2', server.id));
      const v6 = await inject('2001:db8::1');
      expect(v6.statusCode).toBe(403);
      expect(JSON.parse(v6.body)).toEqual(notAllowed('2001:db8::1', server.id));
    });

    it('applies the default server URL the same way', async () => {
      const server = await createServer(app, { isDefault: true, access: { allowlist: ['192.0.2.1'] } });
      const res = await scim(app, server, 'GET', '/scim/v2/ServiceProviderConfig');
      expect(res.status).toBe(403);
      expect(res.body).toEqual(notAllowed('127.0.0.1', server.id));
      await app.admin('PATCH', `/servers/${server.id}`, { isDefault: false });
    });

    it('takes a change through the admin API into account at once', async () => {
      const server = await createServer(app);
      expect((await spc(server)).status).toBe(200);
      expect(
        (await app.admin('PATCH', `/servers/${server.id}`, { access: { allowlist: ['10.0.0.0/8'] } })).status,
      ).toBe(200);
      expect((await spc(server)).status).toBe(403);
      expect((await app.admin('PATCH', `/servers/${server.id}`, { access: { allowlist: [] } })).status).toBe(200);
      expect((await spc(server)).status).toBe(200);
    });

    it('ignores X-Forwarded-For unless TRUST_PROXY is set (access-proxy.e2e-spec.ts: when it is)', async () => {
      const server = await createServer(app, { access: { allowlist: ['192.0.2.0/24'] } });
      const res = await spc(server, { 'x-forwarded-for': '192.0.2.7' });
      expect(res.status).toBe(403);
      expect(res.body).toEqual(notAllowed('127.0.0.1', server.id));
    });
  });

  describe('rate limit', () => {
    it('answers the request beyond the burst with 429, Retry-After and a SCIM error; another server is not affected', async () => {
      const limited = await createServer(app, { access: { rateLimit: { requestsPerSecond: 1, burst: 2 } } });
      const other = await createServer(app, { access: { rateLimit: { requestsPerSecond: 1, burst: 2 } } });
      expect((await spc(limited)).status).toBe(200);
      expect((await spc(limited)).status).toBe(200);
      const res = await spc(limited);
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.headers['content-type']).toBe(SCIM_JSON);
      expect(res.body).toEqual(
        scimError(
          429,
          `Too many requests to identity server ${limited.id} (limit: 1 per second, bursts of 2); retry after 1 s`,
        ),
      );
      const users = await scim(app, limited, 'GET', `${limited.base}/Users`);
      expect(users.status).toBe(429);
      expect(users.headers['retry-after']).toBe('1');

      expect((await spc(other)).status).toBe(200);
      expect((await spc(other)).status).toBe(200);
    });

    it('gives each credential of a server its own budget', async () => {
      const server = await createServer(app, { access: { rateLimit: { requestsPerSecond: 1, burst: 1 } } });
      const second = (await app.admin('POST', `/servers/${server.id}/credentials`)).body;
      expect((await spc(server)).status).toBe(200);
      expect((await spc(server)).status).toBe(429);
      expect((await spc({ ...server, token: second.token })).status).toBe(200);
      expect((await spc({ ...server, token: second.token })).status).toBe(429);
    });

    it('counts the requests of a none server together, and not the unauthenticated ones of a bearer server', async () => {
      const none = await createServer(app, {
        security: { method: 'none' },
        access: { rateLimit: { requestsPerSecond: 1, burst: 1 } },
      });
      expect((await spc(none)).status).toBe(200);
      expect((await spc(none)).status).toBe(429);

      const bearer = await createServer(app, { access: { rateLimit: { requestsPerSecond: 1, burst: 1 } } });
      for (let i = 0; i < 3; i++) expect((await spc({ ...bearer, token: null })).status).toBe(401);
      expect((await spc(bearer)).status).toBe(200);
    });

    it('lets a server with the default limits take a burst of 100 at once', async () => {
      const server = await createServer(app);
      const statuses = await Promise.all(Array.from({ length: 100 }, () => spc(server).then((r) => r.status)));
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
    });
  });

  describe('admin API', () => {
    it('shows the defaults for a server created without access settings', async () => {
      const server = await createServer(app);
      expect(server.body.access).toEqual(DEFAULT_ACCESS);
      expect((await app.admin('GET', `/servers/${server.id}`)).body.access).toEqual(DEFAULT_ACCESS);
    });

    it('round-trips access through POST, GET and PATCH; PATCH replaces the whole object', async () => {
      const access = {
        allowlist: ['192.0.2.0/24', '2001:db8::/32', '::ffff:10.0.0.0/104'],
        rateLimit: { requestsPerSecond: 30, burst: 60 },
      };
      const server = await createServer(app, { access });
      expect(server.body.access).toEqual(access);
      expect((await app.admin('GET', `/servers/${server.id}`)).body.access).toEqual(access);
      expect((await app.admin('GET', '/servers')).body.find((s: { id: string }) => s.id === server.id).access).toEqual(
        access,
      );

      const renamed = await app.admin('PATCH', `/servers/${server.id}`, { logRequests: true });
      expect(renamed.body.access).toEqual(access);

      const replaced = await app.admin('PATCH', `/servers/${server.id}`, { access: { rateLimit: { burst: 5 } } });
      expect(replaced.status).toBe(200);
      expect(replaced.body.access).toEqual({ allowlist: [], rateLimit: { requestsPerSecond: 50, burst: 5 } });
      expect((await app.admin('GET', `/servers/${server.id}`)).body.access).toEqual({
        allowlist: [],
        rateLimit: { requestsPerSecond: 50, burst: 5 },
      });

      const reset = await app.admin('PATCH', `/servers/${server.id}`, { access: {} });
      expect(reset.body.access).toEqual(DEFAULT_ACCESS);
      const rows = await app.dataSource.query('SELECT access_settings FROM identity_servers WHERE id = $1', [
        server.id,
      ]);
      expect(rows[0].access_settings).toEqual({});
    });

    const CIDR_MESSAGE = (value: string) =>
      `access.allowlist must hold IPv4 or IPv6 addresses or CIDRs (such as 192.0.2.0/24); ${value} is not one`;

    it.each([
      [{ allowlist: ['10.0.0.0/33'] }, CIDR_MESSAGE('"10.0.0.0/33"')],
      [{ allowlist: ['192.0.2.0/24', 'scim.example.com'] }, CIDR_MESSAGE('"scim.example.com"')],
      [{ allowlist: ['2001:db8::/129'] }, CIDR_MESSAGE('"2001:db8::/129"')],
      [{ allowlist: '10.0.0.0/8' }, 'access.allowlist must be an array'],
      [{ rateLimit: { requestsPerSecond: 0 } }, 'access.rateLimit.requestsPerSecond must not be less than 1'],
      [
        { rateLimit: { requestsPerSecond: 10001 } },
        'access.rateLimit.requestsPerSecond must not be greater than 10000',
      ],
      [{ rateLimit: { burst: 0 } }, 'access.rateLimit.burst must not be less than 1'],
      [{ rateLimit: { burst: 1.5 } }, 'access.rateLimit.burst must be an integer number'],
      [{ denylist: [] }, 'access.property denylist should not exist'],
    ])('refuses access %j with 400: %s', async (access, message) => {
      const created = await app.admin('POST', '/servers', { name: `bad-${Math.random()}`, access });
      expect(created.status).toBe(400);
      expect(created.body).toEqual({ statusCode: 400, error: 'Bad Request', message });

      const server = await createServer(app, { access: { allowlist: ['127.0.0.1'] } });
      const patched = await app.admin('PATCH', `/servers/${server.id}`, { access });
      expect(patched.status).toBe(400);
      expect(patched.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect((await app.admin('GET', `/servers/${server.id}`)).body.access.allowlist).toEqual(['127.0.0.1']);
    });
  });
});
