import { createServer, CreatedServer, scim, scimError } from '../support/factories';
import { TestApp } from '../support/test-app';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** PostgreSQL stores no NUL character (U+0000): a request holding one is a 400 that says where, and changes nothing. */
describe('NUL characters in requests', () => {
  let app: TestApp;
  let server: CreatedServer;

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
  });
  afterAll(() => app.close());

  it('in a body: 400 invalidValue naming the place, on POST, PUT, PATCH and Bulk; nothing is written', async () => {
    const created = await scim(app, server, 'POST', `${server.base}/Users`, {
      schemas: [USER],
      userName: 'nul@example.com',
    });
    const id = created.body.id as string;
    const cases: [string, string, unknown, string][] = [
      ['POST', '/Users', { schemas: [USER], userName: 'a\u0000b@example.com' }, 'userName'],
      [
        'POST',
        '/Groups',
        { schemas: [GROUP], displayName: 'G', members: [{ value: id, display: '\u0000' }] },
        'members[0].display',
      ],
      [
        'PUT',
        `/Users/${id}`,
        { schemas: [USER], userName: 'nul@example.com', name: { givenName: 'x\u0000' } },
        'name.givenName',
      ],
      [
        'PATCH',
        `/Users/${id}`,
        { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: '\u0000' }] },
        'Operations[0].value',
      ],
      [
        'POST',
        '/Bulk',
        {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
          Operations: [{ method: 'POST', path: '/Users', bulkId: 'a', data: { schemas: [USER], userName: '\u0000' } }],
        },
        'Operations[0].data.userName',
      ],
    ];
    for (const [method, path, body, where] of cases) {
      const res = await scim(app, server, method, `${server.base}${path}`, body);
      expect([method, path, res.status, res.body]).toEqual([
        method,
        path,
        400,
        scimError(
          400,
          `The request body holds a NUL character (\\u0000) at ${where}; it cannot be stored: remove it`,
          'invalidValue',
        ),
      ]);
    }
    const after = await scim(app, server, 'GET', `${server.base}/Users/${id}`);
    expect([after.body.name, after.body.title, after.body.meta.version]).toEqual([
      undefined,
      undefined,
      created.body.meta.version,
    ]);
    const counts = await app.dataSource.query(
      'SELECT (SELECT count(*)::int FROM scim_users WHERE server_id = $1) AS users, (SELECT count(*)::int FROM scim_groups WHERE server_id = $1) AS groups',
      [server.id],
    );
    expect(counts).toEqual([{ users: 1, groups: 0 }]);
  });

  it('in a filter value: 400 invalidFilter', async () => {
    const res = await scim(
      app,
      server,
      'GET',
      `${server.base}/Users?filter=${encodeURIComponent('userName eq "a\u0000"')}`,
    );
    expect([res.status, res.body.scimType]).toEqual([400, 'invalidFilter']);
  });

  it('in an admin body: 400', async () => {
    const res = await app.admin('POST', '/servers', { name: 'bad\u0000name', security: { method: 'bearer' } });
    expect([res.status, res.body]).toEqual([
      400,
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request body holds a NUL character (\\u0000) at name; it cannot be stored: remove it',
      },
    ]);
  });
});
