import { DigestNonces } from '../../src/auth/digest/digest-nonces';
import {
  challengeOf,
  DigestAlgorithm as Algorithm,
  digestAuthorization,
  digestHash as hash,
} from '../support/digest-client';
import { createServer, CreatedServer, scimError, SCIM_JSON } from '../support/factories';
import { TestApp, TestResponse } from '../support/test-app';

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const BASIC_CHALLENGE = 'Basic realm="scimd", charset="UTF-8"';
const BASIC_INVALID =
  'The username or password is not valid for this identity server (wrong, or the credential was revoked)';
const BASIC_MISSING = 'Authentication required: send "Authorization: Basic <base64 of username:password>"';

const challenges = (res: TestResponse): string[] => {
  const header = res.headers['www-authenticate'];
  return Array.isArray(header) ? header : [String(header)];
};

describe('security methods basic and digest', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const get = (server: CreatedServer, path: string, authorization?: string) =>
    app.request('GET', `${server.base}${path}`, { headers: authorization === undefined ? {} : { authorization } });

  describe('basic', () => {
    it('issues the credential once on creation (username given, password generated) and authenticates with it', async () => {
      const server = await createServer(app, { security: { method: 'basic', username: 'entra' } });
      const credentials = server.body.credentials;
      expect(credentials).toEqual({
        id: expect.any(String),
        username: 'entra',
        password: expect.stringMatching(/^[\w-]{32}$/),
        expiresAt: null,
      });
      expect(server.body.security).toEqual({ method: 'basic', username: 'entra' });
      const ok = await get(server, '/ServiceProviderConfig', basic('entra', credentials.password));
      expect(ok.status).toBe(200);
      expect(ok.headers['content-type']).toBe(SCIM_JSON);
      expect(ok.body.authenticationSchemes).toEqual([
        {
          type: 'httpbasic',
          name: 'HTTP Basic',
          description: 'Authentication scheme using the HTTP Basic Standard',
          specUri: 'https://www.rfc-editor.org/info/rfc7617',
          primary: true,
        },
      ]);
      // Again: answered from the remembered check.
      expect((await get(server, '/Users', basic('entra', credentials.password))).status).toBe(200);
      const listed = await app.admin('GET', `/servers/${server.id}/credentials`);
      expect(listed.body).toEqual([
        {
          id: credentials.id,
          method: 'basic',
          username: 'entra',
          createdAt: expect.any(String),
          expiresAt: null,
          revokedAt: null,
        },
      ]);
      expect(JSON.stringify((await app.admin('GET', `/servers/${server.id}`)).body)).not.toContain(
        credentials.password,
      );
    });

    it('refuses a wrong password, a wrong username, a missing or malformed header, another scheme, with 401 and the Basic challenge', async () => {
      const server = await createServer(app, {
        security: { method: 'basic', username: 'okta', password: 'correct horse battery' },
      });
      for (const [authorization, detail] of [
        [basic('okta', 'wrong password!'), BASIC_INVALID],
        [basic('someone', 'correct horse battery'), BASIC_INVALID],
        [undefined, BASIC_MISSING],
        ['Basic !!!not-base64', BASIC_INVALID],
        ['Bearer abc', BASIC_MISSING],
      ] as const) {
        const res = await get(server, '/Users', authorization);
        expect([res.status, res.headers['www-authenticate'], res.body]).toEqual([
          401,
          BASIC_CHALLENGE,
          scimError(401, detail),
        ]);
      }
      expect((await get(server, '/Users', basic('okta', 'correct horse battery'))).status).toBe(200);
    });

    it('revocation takes effect at once (even right after a use); rotation keeps the other credential working', async () => {
      const server = await createServer(app, { security: { method: 'basic', password: 'first password 123' } });
      expect(server.body.credentials.username).toBe('scimd');
      const rotated = (await app.admin('POST', `/servers/${server.id}/credentials`)).body;
      expect(rotated).toEqual({
        id: expect.any(String),
        username: 'scimd',
        password: expect.any(String),
        expiresAt: null,
      });
      expect((await get(server, '/Users', basic('scimd', 'first password 123'))).status).toBe(200);
      expect((await app.admin('DELETE', `/servers/${server.id}/credentials/${server.credentialId}`)).status).toBe(204);
      expect((await get(server, '/Users', basic('scimd', 'first password 123'))).status).toBe(401);
      expect((await get(server, '/Users', basic('scimd', rotated.password))).status).toBe(200);
    });

    it('takes as long for an unknown username as for a wrong password (both cost a scrypt)', async () => {
      const server = await createServer(app, {
        security: { method: 'basic', username: 'okta', password: 'correct horse battery' },
      });
      const timed = async (authorization: string): Promise<number> => {
        const started = process.hrtime.bigint();
        const res = await get(server, '/Users', authorization);
        expect([res.status, res.body]).toEqual([401, scimError(401, BASIC_INVALID)]);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      await timed(basic('warm-up', 'x'));
      const unknown: number[] = [];
      const wrong: number[] = [];
      // Alternating, 4 of each: 9 failures stay within the throttle's 10 free ones.
      for (let i = 0; i < 4; i++) {
        unknown.push(await timed(basic(`nobody-${i}`, 'correct horse battery')));
        wrong.push(await timed(basic('okta', `wrong password ${i}`)));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
      // Before: an unknown username answered in ~2 ms against ~40 ms for a wrong password.
      expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.5);
    });

    it('never authenticates at another server, even with the same username and password', async () => {
      const a = await createServer(app, {
        security: { method: 'basic', username: 'same', password: 'same password 1234' },
      });
      const b = await createServer(app, {
        security: { method: 'basic', username: 'same', password: 'other password 1234' },
      });
      expect((await get(a, '/Users', basic('same', 'same password 1234'))).status).toBe(200);
      expect((await get(b, '/Users', basic('same', 'same password 1234'))).status).toBe(401);
    });

    it('throttles guessing per server and client address: past 10 failures a wrong password is 429 with Retry-After, a valid one still passes', async () => {
      const server = await createServer(app, { security: { method: 'basic', password: 'the right one 123' } });
      for (let i = 0; i < 11; i++)
        expect((await get(server, '/Users', basic('scimd', `wrong guess ${i}`))).status).toBe(401);
      const throttled = await get(server, '/Users', basic('scimd', 'one more guess'));
      expect([throttled.status, throttled.headers['retry-after'], throttled.headers['content-type']]).toEqual([
        429,
        '1',
        SCIM_JSON,
      ]);
      expect(throttled.body).toEqual(
        scimError(429, 'Too many failed authentications from 127.0.0.1 at this identity server; retry in 1 s'),
      );
      expect((await get(server, '/Users')).status).toBe(401); // no credentials: the challenge, not a failure
      // Another server at the same address is not throttled (test/e2e/auth-throttle.e2e-spec.ts has the rest).
      const fresh = await createServer(app, { security: { method: 'basic', password: 'another right 1234' } });
      expect((await get(fresh, '/Users', basic('scimd', 'another right 1234'))).status).toBe(200);
      // The valid credential passes during the backoff and forgets the failures.
      expect((await get(server, '/Users', basic('scimd', 'the right one 123'))).status).toBe(200);
      expect((await get(server, '/Users', basic('scimd', 'wrong again'))).status).toBe(401);
    });

    it('validates the settings: a short password, a username with a colon, a password for bearer', async () => {
      const short = await app.admin('POST', '/servers', {
        name: 'short-pw',
        security: { method: 'basic', password: 'short' },
      });
      expect([short.status, short.body.message]).toEqual([400, 'security.password must be 12 to 200 characters']);
      const colon = await app.admin('POST', '/servers', {
        name: 'colon-user',
        security: { method: 'basic', username: 'a:b' },
      });
      expect([colon.status, colon.body.message]).toEqual([
        400,
        'security.username must be printable characters without ":"',
      ]);
      const bearer = await app.admin('POST', '/servers', {
        name: 'bearer-pw',
        security: { method: 'bearer', password: 'long enough password' },
      });
      expect([bearer.status, bearer.body.message]).toEqual([
        400,
        'security.username and security.password apply to the basic and digest methods, not to "bearer"',
      ]);
    });

    it('a new password on the same method replaces the credentials; switching to bearer revokes them', async () => {
      const server = await createServer(app, { security: { method: 'basic', password: 'old password 1234' } });
      const changed = await app.admin('PATCH', `/servers/${server.id}`, {
        security: { method: 'basic', password: 'new password 1234' },
      });
      expect(changed.status).toBe(200);
      expect(changed.body.credentials).toMatchObject({ username: 'scimd', password: 'new password 1234' });
      expect((await get(server, '/Users', basic('scimd', 'old password 1234'))).status).toBe(401);
      expect((await get(server, '/Users', basic('scimd', 'new password 1234'))).status).toBe(200);
      const bearer = await app.admin('PATCH', `/servers/${server.id}`, { security: { method: 'bearer' } });
      expect((await get(server, '/Users', basic('scimd', 'new password 1234'))).status).toBe(401);
      expect((await get(server, '/Users', `Bearer ${bearer.body.credentials.token}`)).status).toBe(200);
    });

    it('a change of the security settings without a username keeps the username (and a new password keeps it too)', async () => {
      const server = await createServer(app, {
        security: { method: 'basic', username: 'okta', password: 'old password 1234' },
      });
      const same = await app.admin('PATCH', `/servers/${server.id}`, { security: { method: 'basic' } });
      expect([same.status, same.body.security, same.body.credentials]).toEqual([
        200,
        { method: 'basic', username: 'okta' },
        null,
      ]);
      const changed = await app.admin('PATCH', `/servers/${server.id}`, {
        security: { method: 'basic', password: 'new password 1234' },
      });
      expect([changed.status, changed.body.security, changed.body.credentials.username]).toEqual([
        200,
        { method: 'basic', username: 'okta' },
        'okta',
      ]);
      expect((await get(server, '/Users', basic('okta', 'new password 1234'))).status).toBe(200);
      const issued = await app.admin('POST', `/servers/${server.id}/credentials`);
      expect([issued.status, issued.body.username]).toEqual([201, 'okta']);
    });
  });

  describe('digest', () => {
    let server: CreatedServer;
    let password: string;
    const uri = () => `${server.base}/Users?count=1`;

    beforeAll(async () => {
      server = await createServer(app, { security: { method: 'digest', username: 'entra' } });
      password = server.body.credentials.password;
    });

    const challenge = async (algorithm: Algorithm = 'SHA-256') => {
      const res = await app.request('GET', uri());
      return challengeOf(challenges(res).find((c) => c.includes(`algorithm=${algorithm}`))!);
    };

    it('challenges with SHA-256 then MD5, each with a fresh nonce for this server, and a SCIM 401 body', async () => {
      const res = await app.request('GET', uri());
      expect(res.status).toBe(401);
      expect(res.body).toEqual(
        scimError(401, 'Authentication required: answer the Digest challenge (qop=auth, SHA-256 or MD5)'),
      );
      const [sha, md5] = challenges(res);
      expect(sha).toMatch(
        new RegExp(`^Digest realm="scimd/${server.id}", qop="auth", algorithm=SHA-256, nonce="[\\w.-]+", stale=false$`),
      );
      expect(md5).toMatch(/^Digest realm="[^"]+", qop="auth", algorithm=MD5, nonce="[\w.-]+", stale=false$/);
      expect(challengeOf(sha).nonce).not.toBe(challengeOf(md5).nonce);
      const spc = await app.request('GET', `${server.base}/ServiceProviderConfig`, {
        headers: {
          authorization: digestAuthorization(challengeOf(sha), {
            username: 'entra',
            password,
            method: 'GET',
            uri: `${server.base}/ServiceProviderConfig`,
          }),
        },
      });
      expect(spc.body.authenticationSchemes.map((s: { type: string }) => s.type)).toEqual(['httpdigest']);
    });

    it.each(['SHA-256', 'MD5'] as const)(
      'authenticates %s responses; nonce counts must increase (a replay is refused)',
      async (algorithm) => {
        const c = await challenge(algorithm);
        const first = digestAuthorization(c, { username: 'entra', password, method: 'GET', uri: uri(), nc: 1 });
        expect((await app.request('GET', uri(), { headers: { authorization: first } })).status).toBe(200);
        const replay = await app.request('GET', uri(), { headers: { authorization: first } });
        expect([replay.status, replay.body]).toEqual([
          401,
          scimError(401, 'The nonce count was already used: a replayed request is refused'),
        ]);
        const second = digestAuthorization(c, { username: 'entra', password, method: 'GET', uri: uri(), nc: 2 });
        expect((await app.request('GET', uri(), { headers: { authorization: second } })).status).toBe(200);
      },
    );

    it('refuses a wrong password, a forged nonce, another URI, another realm, a missing parameter', async () => {
      const c = await challenge();
      const invalid = scimError(
        401,
        'The Digest credentials are not valid for this identity server (wrong password, username, realm, URI or nonce)',
      );
      const cases = [
        digestAuthorization(c, { username: 'entra', password: 'wrong password', method: 'GET', uri: uri() }),
        digestAuthorization(
          { ...c, nonce: `${c.nonce.split('.').slice(0, 2).join('.')}.forgedmacforgedmacforgedmacforge` },
          { username: 'entra', password, method: 'GET', uri: uri() },
        ),
        digestAuthorization(c, { username: 'entra', password, method: 'GET', uri: `${server.base}/Groups` }),
        digestAuthorization(c, { username: 'entra', password, method: 'GET', uri: uri(), realm: 'scimd/other' }),
      ];
      for (const authorization of cases) {
        const res = await app.request('GET', uri(), { headers: { authorization } });
        expect([res.status, res.body]).toEqual([401, invalid]);
      }
      const missing = await app.request('GET', uri(), {
        headers: { authorization: 'Digest username="entra", nonce="x"' },
      });
      expect(missing.body).toEqual(
        scimError(401, 'The Digest credentials lack username, realm, nonce, uri, response, qop, nc or cnonce'),
      );
    });

    it("refuses another server's nonce and realm: credentials of one server never work at another", async () => {
      const other = await createServer(app, {
        security: { method: 'digest', username: 'entra', password: 'the very same pw' },
      });
      const mine = await createServer(app, {
        security: { method: 'digest', username: 'entra', password: 'the very same pw' },
      });
      const res = await app.request('GET', `${other.base}/Users`);
      const c = challengeOf(challenges(res)[0]);
      const authorization = digestAuthorization(c, {
        username: 'entra',
        password: 'the very same pw',
        method: 'GET',
        uri: `${mine.base}/Users`,
      });
      expect((await app.request('GET', `${mine.base}/Users`, { headers: { authorization } })).status).toBe(401);
    });

    it('answers an expired nonce with stale=true and a fresh nonce that works', async () => {
      const c = await challenge();
      // A nonce this server issued 10 minutes ago (its lifetime is 5).
      const old = app.get(DigestNonces).issue(server.id, Date.now() - 10 * 60 * 1000);
      const res = await app.request('GET', uri(), {
        headers: {
          authorization: digestAuthorization(
            { ...c, nonce: old },
            { username: 'entra', password, method: 'GET', uri: uri() },
          ),
        },
      });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(scimError(401, 'The nonce has expired: retry with the new nonce (stale=true)'));
      const fresh = challengeOf(challenges(res)[0]);
      expect(fresh.stale).toBe('true');
      const retry = await app.request('GET', uri(), {
        headers: {
          authorization: digestAuthorization(fresh, { username: 'entra', password, method: 'GET', uri: uri() }),
        },
      });
      expect(retry.status).toBe(200);
    });

    it('a revoked Digest credential stops working at once', async () => {
      const own = await createServer(app, {
        security: { method: 'digest', username: 'okta', password: 'revoke me please' },
      });
      const ask = async () => challengeOf(challenges(await app.request('GET', `${own.base}/Users`))[0]);
      const answer = async () =>
        digestAuthorization(await ask(), {
          username: 'okta',
          password: 'revoke me please',
          method: 'GET',
          uri: `${own.base}/Users`,
        });
      expect(
        (await app.request('GET', `${own.base}/Users`, { headers: { authorization: await answer() } })).status,
      ).toBe(200);
      expect((await app.admin('DELETE', `/servers/${own.id}/credentials/${own.credentialId}`)).status).toBe(204);
      expect(
        (await app.request('GET', `${own.base}/Users`, { headers: { authorization: await answer() } })).status,
      ).toBe(401);
    });

    it('stores no password and no HA1 in clear', async () => {
      const rows: { secret_hash: string; sealed_secret: string }[] = await app.dataSource.query(
        'SELECT secret_hash, sealed_secret FROM credentials WHERE server_id = $1',
        [server.id],
      );
      const realm = `scimd/${server.id}`;
      const stored = JSON.stringify(rows);
      expect(rows[0].secret_hash).toMatch(/^scrypt\$/);
      expect(rows[0].sealed_secret).toMatch(/^v1\./);
      for (const secret of [
        password,
        hash('SHA-256', `entra:${realm}:${password}`),
        hash('MD5', `entra:${realm}:${password}`),
      ])
        expect(stored).not.toContain(secret);
    });
  });
});

describe('the default-server URL authenticates exactly as the server URL, for every method', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it.each(['basic', 'digest', 'oauth2'] as const)('%s', async (method) => {
    const server = await createServer(app, { isDefault: true, security: { method } });
    const c = server.body.credentials;
    let authorization: string;
    if (method === 'basic') authorization = basic(c.username, c.password);
    else if (method === 'oauth2') {
      const res = await app.request('POST', `/oauth/${server.id}/token`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: c.clientId,
          client_secret: c.clientSecret,
        }).toString(),
      });
      authorization = `Bearer ${res.body.access_token}`;
    } else {
      const challenge = challengeOf(challenges(await app.request('GET', '/scim/v2/Users'))[0]);
      authorization = digestAuthorization(challenge, {
        username: c.username,
        password: c.password,
        method: 'GET',
        uri: '/scim/v2/Users',
      });
    }
    const res = await app.request('GET', '/scim/v2/Users', { headers: { authorization } });
    expect(res.status).toBe(200);
    expect((await app.request('GET', '/scim/v2/Users')).status).toBe(401);
  });
});
