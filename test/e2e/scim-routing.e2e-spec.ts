import { createServer, scim, SCIM_JSON, scimError, userBody } from '../support/factories';
import { TestApp } from '../support/test-app';

describe('SCIM routing, content types and error envelopes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ BODY_LIMIT: '4096' });
  });
  afterAll(() => app.close());

  it('answers 404 at /scim/v2 while no server is default, then serves the default server there', async () => {
    const none = await app.request('GET', '/scim/v2/ServiceProviderConfig');
    expect(none.status).toBe(404);
    expect(none.headers['content-type']).toBe(SCIM_JSON);
    expect(none.body).toEqual(
      scimError(404, 'No identity server is the default: use /scim/v2/<server id>/ or make a server the default'),
    );

    const server = await createServer(app, { isDefault: true });
    const created = await scim(app, server, 'POST', '/scim/v2/Users', userBody('default@example.com'));
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`${server.scimUrl}/Users/${created.body.id}`);
    const viaOwnUrl = await scim(app, server, 'GET', `${server.base}/Users/${created.body.id}`);
    expect(viaOwnUrl.status).toBe(200);
    const viaDefault = await scim(app, server, 'GET', `/scim/v2/Users/${created.body.id}`);
    expect(viaDefault.body).toEqual(viaOwnUrl.body);
    await app.admin('PATCH', `/servers/${server.id}`, { isDefault: false });
  });

  it('answers 404 for an unknown server and 403 for an inactive one, as SCIM errors', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await app.request('GET', `/scim/v2/${unknown}/Users`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(scimError(404, `No identity server with id ${unknown}`));

    const server = await createServer(app, { active: false });
    const inactive = await scim(app, server, 'GET', `${server.base}/Users`);
    expect(inactive.status).toBe(403);
    expect(inactive.headers['content-type']).toBe(SCIM_JSON);
    expect(inactive.body).toEqual(scimError(403, `Identity server ${server.id} is inactive`));
  });

  it.each([
    'application/scim+json',
    'application/json',
    'application/scim+json; charset=utf-8',
    'application/json;charset=UTF-8',
  ])('accepts a body sent as %s', async (contentType) => {
    const server = await createServer(app);
    const res = await scim(app, server, 'POST', `${server.base}/Users`, userBody(), { 'content-type': contentType });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe(SCIM_JSON);
  });

  it("ignores unknown query parameters (Entra's ?aadOptscim062020)", async () => {
    const server = await createServer(app);
    const res = await scim(app, server, 'POST', `${server.base}/Users?aadOptscim062020`, userBody());
    expect(res.status).toBe(201);
    const list = await scim(app, server, 'GET', `${server.base}/Users?aadOptscim062020&foo=bar`);
    expect(list.status).toBe(200);
    expect(list.body.totalResults).toBe(1);
  });

  it('answers malformed JSON with 400 invalidSyntax', async () => {
    const server = await createServer(app);
    const res = await app.request('POST', `${server.base}/Users`, {
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/scim+json' },
      payload: '{"userName": ',
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(scimError(400, /^The request body is not valid JSON/, 'invalidSyntax'));
  });

  it('answers a body over BODY_LIMIT with 413', async () => {
    const server = await createServer(app);
    const res = await scim(
      app,
      server,
      'POST',
      `${server.base}/Users`,
      userBody('big@example.com', { nickName: 'x'.repeat(5000) }),
    );
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toBe(SCIM_JSON);
    expect(res.body).toEqual(scimError(413, 'The request body is larger than this server accepts'));
  });

  it('answers an unsupported media type with 415', async () => {
    const server = await createServer(app);
    const res = await app.request('POST', `${server.base}/Users`, {
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/xml' },
      payload: '<user/>',
    });
    expect(res.status).toBe(415);
    expect(res.body).toEqual(
      scimError(415, 'The request body is application/xml; send it as application/scim+json or application/json'),
    );
  });

  it('answers an unknown route with 404 and a wrong method with 405 and Allow', async () => {
    const server = await createServer(app);
    const unknown = await scim(app, server, 'GET', `${server.base}/Widgets`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(scimError(404, `No endpoint at GET ${server.base}/Widgets`));

    const wrong = await scim(app, server, 'PUT', `${server.base}/Users`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, HEAD, POST');
    expect(wrong.body).toEqual(scimError(405, `PUT is not allowed on ${server.base}/Users; allowed: GET, HEAD, POST`));

    const viaDefault = await app.request('DELETE', '/scim/v2/ServiceProviderConfig');
    expect(viaDefault.status).toBe(405);
    expect(viaDefault.body.detail).toBe('DELETE is not allowed on /scim/v2/ServiceProviderConfig; allowed: GET, HEAD');
  });

  it('answers /Me with 501', async () => {
    const server = await createServer(app);
    const res = await scim(app, server, 'GET', `${server.base}/Me`);
    expect(res.status).toBe(501);
    expect(res.body).toEqual(
      scimError(501, '/Me is not supported: the authenticated subject is an identity provider, not a user'),
    );
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const given = await app.request('GET', '/health/live', { headers: { 'x-request-id': 'entra-req-42' } });
    expect(given.headers['x-request-id']).toBe('entra-req-42');
    const insane = await app.request('GET', '/health/live', { headers: { 'x-request-id': 'a b\nc' } });
    expect(insane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const none = await app.request('GET', '/health/live');
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps admin errors in the admin format', async () => {
    const res = await app.admin('GET', '/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'No endpoint at GET /admin/nothing-here',
    });
  });
});
