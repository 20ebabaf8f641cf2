import { createServer, scim, SCIM_JSON, scimError, userBody } from '../support/factories';
import { TestApp } from '../support/test-app';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

describe('discovery (RFC 7644 §4)', () => {
  let app: TestApp;
  let server: Awaited<ReturnType<typeof createServer>>;

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
  });
  afterAll(() => app.close());

  it("ServiceProviderConfig tells what is implemented and the server's own authentication scheme", async () => {
    const res = await scim(app, server, 'GET', `${server.base}/ServiceProviderConfig`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(SCIM_JSON);
    expect(res.body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: true },
      sort: { supported: true },
      etag: { supported: true },
      pagination: {
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        defaultPageSize: 100,
        maxPageSize: 1000,
      },
      authenticationSchemes: [
        {
          type: 'oauthbearertoken',
          name: 'OAuth Bearer Token',
          description: 'Authentication scheme using the OAuth Bearer Token Standard',
          specUri: 'https://www.rfc-editor.org/info/rfc6750',
          primary: true,
        },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: `${server.scimUrl}/ServiceProviderConfig` },
    });
  });

  it('changePassword is supported: a password set by PATCH (with a path, or path-less) and by PUT is the one that checks', async () => {
    const user = (
      await scim(app, server, 'POST', `${server.base}/Users`, userBody(undefined, { password: 'first-Passw0rd' }))
    ).body;
    const url = `${server.base}/Users/${user.id}`;
    const check = async (password: string) =>
      (await app.admin('POST', `/servers/${server.id}/authenticate`, { userName: user.userName, password })).status;
    // Each change: its status, then whether the new password checks and the previous one no longer does.
    const withPath = await scim(app, server, 'PATCH', url, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'password', value: 'second-Passw0rd' }],
    });
    expect([withPath.status, await check('second-Passw0rd'), await check('first-Passw0rd')]).toEqual([200, 200, 401]);
    const pathLess = await scim(app, server, 'PATCH', url, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { password: 'third-Passw0rd' } }],
    });
    expect([pathLess.status, await check('third-Passw0rd'), await check('second-Passw0rd')]).toEqual([200, 200, 401]);
    const put = await scim(app, server, 'PUT', url, userBody(user.userName, { password: 'fourth-Passw0rd' }));
    expect([put.status, await check('fourth-Passw0rd'), await check('third-Passw0rd')]).toEqual([200, 200, 401]);
  });

  it('a server with the none method advertises no authentication scheme', async () => {
    const open = await createServer(app, { security: { method: 'none' } });
    const res = await scim(app, open, 'GET', `${open.base}/ServiceProviderConfig`);
    expect(res.status).toBe(200);
    expect(res.body.authenticationSchemes).toEqual([]);
  });

  it('Schemas lists User, EnterpriseUser and Group with their attributes', async () => {
    const res = await scim(app, server, 'GET', `${server.base}/Schemas`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ schemas: [LIST], totalResults: 3, startIndex: 1, itemsPerPage: 3 });
    expect(res.body.Resources.map((s: { id: string }) => s.id)).toEqual([USER, ENTERPRISE, GROUP]);
    const user = res.body.Resources[0];
    expect(user.meta).toEqual({ resourceType: 'Schema', location: `${server.scimUrl}/Schemas/${USER}` });
    const userName = user.attributes.find((a: { name: string }) => a.name === 'userName');
    expect(userName).toEqual({
      name: 'userName',
      type: 'string',
      multiValued: false,
      description: expect.any(String),
      required: true,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'server',
    });
    const password = user.attributes.find((a: { name: string }) => a.name === 'password');
    expect(password).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
  });

  it('serves one schema by URN (case-insensitively) and 404 for an unknown one', async () => {
    const res = await scim(app, server, 'GET', `${server.base}/Schemas/${ENTERPRISE.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(ENTERPRISE);
    expect(res.body.attributes.map((a: { name: string }) => a.name)).toEqual([
      'employeeNumber',
      'costCenter',
      'organization',
      'division',
      'department',
      'manager',
    ]);
    const missing = await scim(app, server, 'GET', `${server.base}/Schemas/urn:nope`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(scimError(404, 'No schema urn:nope'));
  });

  it('ResourceTypes lists User and Group; one by name; 404 otherwise', async () => {
    const res = await scim(app, server, 'GET', `${server.base}/ResourceTypes`);
    expect(res.status).toBe(200);
    expect(res.body.totalResults).toBe(2);
    expect(res.body.Resources[0]).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: expect.any(String),
      schema: USER,
      schemaExtensions: [{ schema: ENTERPRISE, required: false }],
      meta: { resourceType: 'ResourceType', location: `${server.scimUrl}/ResourceTypes/User` },
    });
    const group = await scim(app, server, 'GET', `${server.base}/ResourceTypes/Group`);
    expect(group.status).toBe(200);
    expect(group.body).toMatchObject({ id: 'Group', endpoint: '/Groups', schema: GROUP });
    const missing = await scim(app, server, 'GET', `${server.base}/ResourceTypes/Device`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(scimError(404, 'No resource type Device'));
  });

  it("requires the server's credentials", async () => {
    const res = await app.request('GET', `${server.base}/Schemas`);
    expect(res.status).toBe(401);
  });
});

/** A deployment's own BODY_LIMIT, in an app of its own (Passport's strategies are process-wide: one app at a time). */
describe('discovery with a lower BODY_LIMIT', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ BODY_LIMIT: '65536' });
  });
  afterAll(() => app.close());

  it('bulk.maxPayloadSize is what a bulk request may really hold: BODY_LIMIT when that is below 1 MiB', async () => {
    const target = await createServer(app);
    const config = await scim(app, target, 'GET', `${target.base}/ServiceProviderConfig`);
    expect(config.body.bulk).toEqual({ supported: true, maxOperations: 1000, maxPayloadSize: 65536 });
    const bulkOf = (padding: number) =>
      JSON.stringify({
        schemas: [BULK_REQUEST],
        Operations: [
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'u',
            data: userBody('big@example.com', { nickName: 'x'.repeat(padding) }),
          },
        ],
      });
    const base = Buffer.byteLength(bulkOf(0));
    const headers = { authorization: `Bearer ${target.token}`, 'content-type': 'application/scim+json' };
    const fits = await app.request('POST', `${target.base}/Bulk`, { headers, payload: bulkOf(65536 - base) });
    expect([fits.status, fits.body.Operations[0].status]).toEqual([200, '201']);
    const over = await app.request('POST', `${target.base}/Bulk`, { headers, payload: bulkOf(65537 - base) });
    expect([over.status, over.body]).toEqual([
      413,
      scimError(413, 'The request body is larger than this server accepts'),
    ]);
  });
});
