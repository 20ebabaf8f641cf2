import { createServer, scim, SCIM_JSON, scimError } from '../support/factories';
import { TestApp } from '../support/test-app';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('discovery (RFC 7644 §4)', () => {
  let app: TestApp;
  let server: Awaited<ReturnType<typeof createServer>>;

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
  });
  afterAll(() => app.close());

  it('ServiceProviderConfig tells what is implemented and the server\'s own authentication scheme', async () => {
    const res = await scim(app, server, 'GET', `${server.base}/ServiceProviderConfig`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(SCIM_JSON);
    expect(res.body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      pagination: { cursor: true, index: true, defaultPaginationMethod: 'index', defaultPageSize: 100, maxPageSize: 1000 },
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
    expect(res.body.attributes.map((a: { name: string }) => a.name)).toEqual(['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager']);
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

  it('requires the server\'s credentials', async () => {
    const res = await app.request('GET', `${server.base}/Schemas`);
    expect(res.status).toBe(401);
  });
});
