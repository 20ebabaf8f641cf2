import { createServer, scim, SCIM_JSON, scimError, uniqueName, userBody } from '../support/factories';
import { ADMIN_TOKEN, TestApp } from '../support/test-app';

const FORM = 'application/x-www-form-urlencoded';
const SCIM_TYPES = 'send it as application/scim+json or application/json';
const SCIM_FORM = `The request body is ${FORM}; ${SCIM_TYPES} (curl's -d sends a form unless -H 'Content-Type: application/scim+json' is given)`;

/**
 * A body of a media type a route does not take is answered 415 with the types it does take, before
 * anything reads it: curl's `-d` without `-H 'Content-Type: …'` sends a form, which only /oauth takes.
 */
describe('request bodies of an unsupported media type', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it("answers a form body (curl's -d) at a SCIM URL with 415 and the SCIM media types, creating nothing", async () => {
    const server = await createServer(app);
    const res = await app.request('POST', `${server.base}/Users`, {
      headers: { authorization: `Bearer ${server.token}`, 'content-type': FORM },
      payload: 'userName=x',
    });
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toBe(SCIM_JSON);
    expect(res.headers['accept-post']).toBe('application/scim+json, application/json');
    expect(res.body).toEqual(scimError(415, SCIM_FORM));
    expect((await scim(app, server, 'GET', `${server.base}/Users`)).body.totalResults).toBe(0);
  });

  it('names the accepted types of a PATCH in Accept-Patch (RFC 5789 §2.2)', async () => {
    const server = await createServer(app);
    const user = await scim(app, server, 'POST', `${server.base}/Users`, userBody());
    const res = await app.request('PATCH', `${server.base}/Users/${user.body.id}`, {
      headers: { authorization: `Bearer ${server.token}`, 'content-type': `${FORM}; charset=utf-8` },
      payload: 'active=false',
    });
    expect([res.status, res.headers['accept-patch'], res.body]).toEqual([
      415,
      'application/scim+json, application/json',
      scimError(415, SCIM_FORM),
    ]);
    expect((await scim(app, server, 'GET', `${server.base}/Users/${user.body.id}`)).body.active).toBe(true);
  });

  it("answers `curl -d 'name=x'` on the admin API with 415 in the admin API's shape, and creates no server", async () => {
    const name = uniqueName();
    const res = await app.request('POST', '/admin/servers', {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': FORM },
      payload: `name=${name}`,
    });
    expect(res.status).toBe(415);
    expect(res.headers['accept-post']).toBe('application/json');
    expect(res.body).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: `The request body is ${FORM}; send it as application/json (curl's -d sends a form unless -H 'Content-Type: application/json' is given)`,
    });
    const servers = await app.admin('GET', '/servers');
    expect(JSON.stringify(servers.body)).not.toContain(name);
  });

  it('answers XML with 415 naming the types a route takes', async () => {
    const server = await createServer(app);
    const admin = await app.request('PATCH', `/admin/servers/${server.id}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/xml' },
      payload: '<server/>',
    });
    expect([admin.status, admin.headers['accept-patch'], admin.body]).toEqual([
      415,
      'application/json',
      {
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: 'The request body is application/xml; send it as application/json',
      },
    ]);
    const res = await scim(app, server, 'PUT', `${server.base}/Users/${server.id}`, undefined, {
      'content-type': 'text/xml',
    });
    expect(res.status).toBe(415);
    expect(res.headers['accept-post']).toBeUndefined();
    expect(res.body).toEqual(scimError(415, `The request body is text/xml; ${SCIM_TYPES}`));
  });

  it('still takes forms at the OAuth endpoints', async () => {
    const server = await createServer(app, { security: { method: 'oauth2' } });
    const { clientId, clientSecret } = server.body.credentials;
    const res = await app.request('POST', `/oauth/${server.id}/token`, {
      headers: { 'content-type': FORM },
      payload: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }).toString(),
    });
    expect(res.status).toBe(200);
    expect(res.body.token_type).toBe('Bearer');
  });
});
