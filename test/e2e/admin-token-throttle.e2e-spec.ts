import { createServer, CreatedServer } from '../support/factories';
import { ADMIN_TOKEN, TestApp, TestResponse } from '../support/test-app';

const REDIRECT = 'https://system-admin.okta.example/admin/app/cpc/scim/oauth/callback';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const INVALID = { statusCode: 401, error: 'Unauthorized', message: 'The admin token is not valid' };
const throttled = (ip: string, seconds: number) => ({
  statusCode: 429,
  error: 'Too Many Requests',
  message: `Too many wrong admin tokens from ${ip}; retry in ${seconds} s`,
});

/**
 * Guesses at the admin token, at the admin API and at the OAuth approval form, are throttled per
 * address as SCIM authentication is (10 free a minute, then 429 with Retry-After), sharing one count;
 * a valid admin token always passes. Each test guesses from its own address.
 */
describe('admin-token guessing is throttled per address', () => {
  let app: TestApp;
  let oauth: CreatedServer;

  beforeAll(async () => {
    app = await TestApp.start();
    oauth = await createServer(app, { security: { method: 'oauth2', redirectUris: [REDIRECT] } });
  });
  afterAll(() => app.close());

  const adminGet = (remoteAddress: string, token?: string): Promise<TestResponse> =>
    app.request('GET', '/admin/servers', {
      remoteAddress,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
  const approve = (remoteAddress: string, adminToken: string): Promise<TestResponse> => {
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: oauth.id,
      redirect_uri: REDIRECT,
      state: 's',
      adminToken,
    });
    return app.request('POST', `/oauth/${oauth.id}/authorize`, {
      remoteAddress,
      headers: FORM,
      payload: params.toString(),
    });
  };
  const statusAndBody = (res: TestResponse) => [res.status, res.headers['retry-after'], res.body];

  it('answers the 12th wrong token within a minute with 429 and Retry-After, and lets the right token through', async () => {
    const ip = '198.51.100.1';
    // The first 10 are free; the 11th is still a 401 and starts a 1 s backoff.
    for (let i = 0; i < 11; i++)
      expect(statusAndBody(await adminGet(ip, `wrong-${i}`))).toEqual([401, undefined, INVALID]);
    const res = await adminGet(ip, 'wrong-again');
    expect([res.status, res.headers['retry-after'], res.headers['content-type'], res.body]).toEqual([
      429,
      '1',
      'application/json; charset=utf-8',
      throttled(ip, 1),
    ]);

    expect((await adminGet(ip, ADMIN_TOKEN)).status).toBe(200);
    // The success cleared the address: the next wrong token is a 401 again.
    expect(statusAndBody(await adminGet(ip, 'wrong-after'))).toEqual([401, undefined, INVALID]);
  });

  it('throttles one address only', async () => {
    for (let i = 0; i < 12; i++) await adminGet('198.51.100.2', `wrong-${i}`);
    expect((await adminGet('198.51.100.2', 'wrong')).status).toBe(429);
    expect(statusAndBody(await adminGet('198.51.100.3', 'wrong'))).toEqual([401, undefined, INVALID]);
  });

  it('does not count requests without a token (nothing was guessed)', async () => {
    for (let i = 0; i < 15; i++) expect((await adminGet('198.51.100.4')).status).toBe(401);
    expect(statusAndBody(await adminGet('198.51.100.4', 'wrong'))).toEqual([401, undefined, INVALID]);
  });

  it('throttles the approval form, counting with the admin API, and still approves with the admin token', async () => {
    const ip = '198.51.100.5';
    for (let i = 0; i < 6; i++) expect((await adminGet(ip, `wrong-${i}`)).status).toBe(401);
    for (let i = 0; i < 5; i++) {
      const denied = await approve(ip, `wrong-${i}`);
      expect([denied.status, denied.headers['retry-after']]).toEqual([401, undefined]);
      expect(denied.text).toContain('The admin token or approval secret is not valid.');
    }
    const page = await approve(ip, 'wrong-again');
    expect([page.status, page.headers['retry-after'], page.headers['content-type']]).toEqual([
      429,
      '1',
      'text/html; charset=utf-8',
    ]);
    expect(page.text).toContain('Too many wrong attempts from this address: wait 1 s and try again.');
    expect((await adminGet(ip, 'wrong')).status).toBe(429);

    const approved = await approve(ip, ADMIN_TOKEN);
    expect(approved.status).toBe(302);
    expect(new URL(String(approved.headers.location)).searchParams.get('state')).toBe('s');
  });

  it("a right approval secret passes during a backoff but does not clear the address's wrong admin tokens", async () => {
    const ip = '198.51.100.6';
    const { approvalSecret } = (await app.admin('POST', `/servers/${oauth.id}/approval-secret`)).body;
    for (let i = 0; i < 11; i++) await approve(ip, `wrong-${i}`);
    expect((await approve(ip, 'wrong')).status).toBe(429);
    expect((await approve(ip, approvalSecret)).status).toBe(302);
    expect((await approve(ip, 'wrong')).status).toBe(429);
  });
});
