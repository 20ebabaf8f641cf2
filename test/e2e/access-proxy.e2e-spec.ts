import { createServer, scim, scimError } from '../support/factories';
import { TestApp } from '../support/test-app';

/** Its own file: an app of its own (TRUST_PROXY), and Passport's strategies are process-wide. */
describe('IP allowlist behind a trusted proxy (TRUST_PROXY)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(() => app.close());

  it('checks the client named in X-Forwarded-For by the trusted proxy', async () => {
    const server = await createServer(app, { access: { allowlist: ['192.0.2.0/24', '2001:db8::/32'] } });
    const get = (headers: Record<string, string>) =>
      scim(app, server, 'GET', `${server.base}/ServiceProviderConfig`, undefined, headers);
    expect((await get({ 'x-forwarded-for': '192.0.2.7' })).status).toBe(200);
    expect((await get({ 'x-forwarded-for': '2001:db8::7' })).status).toBe(200);
    // The proxy appends the address it saw; what the client wrote before it is not trusted.
    expect((await get({ 'x-forwarded-for': '198.51.100.1, 192.0.2.7' })).status).toBe(200);
    const refused = await get({ 'x-forwarded-for': '192.0.2.7, 198.51.100.1' });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(
      scimError(403, `Client address 198.51.100.1 is not in the allowlist of identity server ${server.id}`),
    );
    const direct = await get({});
    expect(direct.status).toBe(403);
    expect(direct.body).toEqual(
      scimError(403, `Client address 127.0.0.1 is not in the allowlist of identity server ${server.id}`),
    );
  });

  it('does not trust X-Forwarded-For from an address that is not the proxy', async () => {
    const server = await createServer(app, { access: { allowlist: ['192.0.2.0/24'] } });
    const res = await app.app.inject({
      method: 'GET',
      url: `${server.base}/ServiceProviderConfig`,
      remoteAddress: '203.0.113.9',
      headers: { authorization: `Bearer ${server.token}`, 'x-forwarded-for': '192.0.2.7' },
    });
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body)).toEqual(
      scimError(403, `Client address 203.0.113.9 is not in the allowlist of identity server ${server.id}`),
    );
  });
});
