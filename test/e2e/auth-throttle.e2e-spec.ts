import { createHash, randomBytes } from 'node:crypto';
import { createServer, CreatedServer, scimError, SCIM_JSON } from '../support/factories';
import { TestApp, TestResponse } from '../support/test-app';

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const THROTTLED = (seconds: number) =>
  scimError(429, `Too many failed authentications from 127.0.0.1 at this identity server; retry in ${seconds} s`);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** An RFC 7616 client (SHA-256, qop=auth) answering the server's challenge for one GET. */
async function digestGet(
  app: TestApp,
  server: CreatedServer,
  username: string,
  password: string,
): Promise<TestResponse> {
  const uri = `${server.base}/Users?count=1`;
  const header = (await app.request('GET', uri)).headers['www-authenticate'];
  const sha = (Array.isArray(header) ? header : [String(header)]).find((c) => c.includes('algorithm=SHA-256'))!;
  const c: Record<string, string> = {};
  for (const m of sha.replace(/^Digest\s+/, '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) c[m[1]] = m[2] ?? m[3];
  const cnonce = randomBytes(8).toString('hex');
  const response = sha256(
    `${sha256(`${username}:${c.realm}:${password}`)}:${c.nonce}:00000001:${cnonce}:auth:${sha256(`GET:${uri}`)}`,
  );
  const authorization = `Digest username="${username}", realm="${c.realm}", nonce="${c.nonce}", uri="${uri}", algorithm=SHA-256, qop=auth, nc=00000001, cnonce="${cnonce}", response="${response}"`;
  return app.request('GET', uri, { headers: { authorization } });
}

/**
 * The failed-authentication throttle counts per identity server and address: one tenant's failing IdP
 * never throttles another tenant behind the same address, a success at one server never clears
 * another's failures, and a valid credential of every method passes even during a backoff.
 */
describe('failed-authentication throttle, per identity server and address', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const get = (server: CreatedServer, authorization: string) =>
    app.request('GET', `${server.base}/Users`, { headers: { authorization } });
  /** 11 wrong Basic passwords (10 free, the 11th starts a 1 s backoff), then one answered 429. */
  async function throttle(server: CreatedServer, authorization: (i: number) => string): Promise<void> {
    for (let i = 0; i < 11; i++) expect((await get(server, authorization(i))).status).toBe(401);
    const res = await get(server, authorization(99));
    expect([res.status, res.headers['retry-after'], res.headers['content-type'], res.body]).toEqual([
      429,
      '1',
      SCIM_JSON,
      THROTTLED(1),
    ]);
  }

  it("one server's failures from an address do not throttle another server's clients at the same address", async () => {
    const noisy = await createServer(app, { security: { method: 'basic', password: 'noisy right 1234' } });
    const quiet = await createServer(app, { security: { method: 'basic', password: 'quiet right 1234' } });
    await throttle(noisy, (i) => basic('scimd', `wrong ${i}`));
    const wrong = await get(quiet, basic('scimd', 'a first typo'));
    expect([wrong.status, wrong.headers['retry-after']]).toEqual([401, undefined]);
    expect((await get(quiet, basic('scimd', 'quiet right 1234'))).status).toBe(200);
  });

  it('a valid credential of every method passes while its own server is throttled for the address', async () => {
    const basicServer = await createServer(app, { security: { method: 'basic', password: 'basic right 1234' } });
    await throttle(basicServer, (i) => basic('scimd', `wrong ${i}`));
    expect((await get(basicServer, basic('scimd', 'basic right 1234'))).status).toBe(200);

    const digestServer = await createServer(app, { security: { method: 'digest', username: 'entra' } });
    await throttle(digestServer, (i) => basic('entra', `wrong ${i}`));
    expect((await digestGet(app, digestServer, 'entra', digestServer.body.credentials.password)).status).toBe(200);

    const bearerServer = await createServer(app, { security: { method: 'bearer' } });
    await throttle(bearerServer, (i) => `Bearer wrong-token-${i}`);
    expect((await get(bearerServer, `Bearer ${bearerServer.body.credentials.token}`)).status).toBe(200);

    const oauthServer = await createServer(app, { security: { method: 'oauth2' } });
    await throttle(oauthServer, (i) => `Bearer wrong-token-${i}`);
    // A token issued during the backoff, never seen at the SCIM URL before.
    const issued = await app.request('POST', `/oauth/${oauthServer.id}/token`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: oauthServer.id,
        client_secret: oauthServer.body.credentials.clientSecret,
      }).toString(),
    });
    expect(issued.status).toBe(200);
    expect((await get(oauthServer, `Bearer ${issued.body.access_token}`)).status).toBe(200);
  });

  it("a success at one server does not clear another server's failures: guesses interleaved with valid requests are throttled", async () => {
    const own = await createServer(app, { security: { method: 'basic', password: 'own right 123456' } });
    const target = await createServer(app, { security: { method: 'basic', password: 'target right 1234' } });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      if (i % 5 === 0) expect((await get(own, basic('scimd', 'own right 123456'))).status).toBe(200);
      statuses.push((await get(target, basic('scimd', `guess ${i}`))).status);
    }
    expect(statuses).toEqual([...Array(11).fill(401), 429]);
  });

  it("a success clears its own server's count for the address", async () => {
    const server = await createServer(app, { security: { method: 'basic', password: 'the right one 123' } });
    await throttle(server, (i) => basic('scimd', `wrong ${i}`));
    expect((await get(server, basic('scimd', 'the right one 123'))).status).toBe(200);
    const wrong = await get(server, basic('scimd', 'wrong again'));
    expect([wrong.status, wrong.headers['retry-after']]).toEqual([401, undefined]);
  });
});
