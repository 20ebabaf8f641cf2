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
      'oauth-client': { type: 'http', scheme: 'basic', description: expect.any(String) },
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
        '/oauth/{serverId}/token',
        '/oauth/{serverId}/authorize',
      ]),
    );
    expect(doc.paths['/admin/servers'].post.security).toEqual([{ 'admin-token': [] }]);
    expect(doc.paths['/scim/v2/{serverId}/Users'].post.security).toEqual([{ 'scim-bearer': [] }]);
    expect(res.text).not.toMatch(/eyJ[\w-]{10,}/);
  });

  it('documents the OAuth 2.0 token endpoint and the approval page of oauth2 servers', async () => {
    const { paths } = (await app.request('GET', '/docs-json')).body;
    expect(Object.keys(paths['/oauth/{serverId}/token'])).toEqual(['post']);
    expect(Object.keys(paths['/oauth/{serverId}/authorize']).sort()).toEqual(['get', 'post']);
    const token = paths['/oauth/{serverId}/token'].post;
    expect(token.tags).toEqual(['oauth']);
    expect(token.security).toEqual([{ 'oauth-client': [] }]);
    expect(Object.keys(token.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
    const form = token.requestBody.content['application/x-www-form-urlencoded'].schema;
    expect(form.required).toEqual(['grant_type']);
    expect(form.properties.grant_type.enum).toEqual(['client_credentials', 'authorization_code', 'refresh_token']);
    expect(Object.keys(form.properties)).toEqual(
      expect.arrayContaining([
        'client_id',
        'client_secret',
        'code',
        'redirect_uri',
        'code_verifier',
        'refresh_token',
        'client_assertion',
      ]),
    );
    expect(Object.keys(token.responses).sort()).toEqual(['200', '400', '401']);
    expect(token.responses['200'].content['application/json'].schema.required).toEqual([
      'access_token',
      'token_type',
      'expires_in',
    ]);
    expect(token.responses['401'].content['application/json'].schema.properties.error.enum).toContain('invalid_client');

    const page = paths['/oauth/{serverId}/authorize'].get;
    expect(page.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual([
      'path:serverId',
      'query:response_type',
      'query:client_id',
      'query:redirect_uri',
      'query:state',
      'query:scope',
      'query:code_challenge',
      'query:code_challenge_method',
    ]);
    const approval = paths['/oauth/{serverId}/authorize'].post;
    expect(Object.keys(approval.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(approval.requestBody.content['application/x-www-form-urlencoded'].schema.required).toEqual([
      'response_type',
      'client_id',
      'redirect_uri',
      'adminToken',
    ]);
    expect(Object.keys(approval.responses).sort()).toEqual(['302', '400', '401', '429']);
  });

  it('serves the explorer page', async () => {
    const res = await app.request('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('swagger-ui');
  });
});
