import { TestApp } from '../support/test-app';

describe('OpenAPI explorer', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it('serves the document with the admin and SCIM endpoints and their security schemes', async () => {
    const res = await app.request('GET', '/docs-json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes).toEqual({
      'admin-token': { type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: expect.any(String) },
      'scim-bearer': { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: expect.any(String) },
    });
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/admin/servers',
        '/admin/servers/{id}',
        '/admin/servers/{id}/credentials',
        '/admin/servers/{id}/credentials/{credentialId}',
        '/scim/v2/{serverId}/Users',
        '/scim/v2/{serverId}/Users/{id}',
        '/scim/v2/{serverId}/Groups',
        '/scim/v2/{serverId}/ServiceProviderConfig',
        '/scim/v2/{serverId}/Schemas',
        '/scim/v2/{serverId}/ResourceTypes',
        '/health/ready',
      ]),
    );
    expect(doc.paths['/admin/servers'].post.security).toEqual([{ 'admin-token': [] }]);
    expect(doc.paths['/scim/v2/{serverId}/Users'].post.security).toEqual([{ 'scim-bearer': [] }]);
    expect(res.text).not.toMatch(/eyJ[\w-]{10,}/);
  });

  it('serves the explorer page', async () => {
    const res = await app.request('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('swagger-ui');
  });
});
