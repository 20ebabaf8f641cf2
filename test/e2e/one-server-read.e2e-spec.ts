import { ServerDirectory } from '../../src/servers/server-directory';
import { createServer, CreatedServer, groupBody, scim, userBody } from '../support/factories';
import { recordStatements } from '../support/statements';
import { TestApp } from '../support/test-app';

/**
 * A SCIM request reads its identity server once: the guard resolves the tenant and hands it down,
 * decoded, to the services; nothing below looks the server up again. Shown with the server directory's
 * cache off — as on PostgreSQL while its LISTEN connection is down (ServerDirectory.lost), when every
 * request reads its server from the database — so that each lookup would be a statement.
 */
describe('one identity-server read per SCIM request', () => {
  let app: TestApp;
  let server: CreatedServer;
  let userId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    // A custom attribute and role mapping: the tenant has schemas and a compiled mapping to decode.
    server = await createServer(app);
    const declared = await app.admin('PUT', `/servers/${server.id}/attributes`, {
      attributes: [{ name: 'costCenter', lookup: true }],
    });
    expect(declared.status).toBe(200);
    const mapped = await app.admin('PUT', `/servers/${server.id}/role-mapping`, {
      roles: ['admin', 'member'],
      defaultRole: 'member',
      rules: [{ source: 'attribute', attribute: 'title', value: 'Boss', role: 'admin' }],
    });
    expect(mapped.status).toBe(200);
    userId = (await scim(app, server, 'POST', `${server.base}/Users`, userBody())).body.id;
    // The cache off, as while LISTEN is down (a private switch: there is no public one, on purpose).
    Object.assign(app.get(ServerDirectory), { enabled: false });
    app.get(ServerDirectory).forget();
  });
  afterAll(() => app.close());

  /** The statements that read identity_servers while `action` ran. */
  async function serverReads(action: () => Promise<{ status: number }>, status: number): Promise<string[]> {
    let res: { status: number } | undefined;
    const statements = await recordStatements(app.dataSource, async () => (res = await action()));
    expect(res?.status).toBe(status);
    return statements.map((s) => s.text).filter((text) => /\bidentity_servers\b/i.test(text));
  }

  it('the cache is off: every request reads its server', async () => {
    const spc = () => scim(app, server, 'GET', `${server.base}/ServiceProviderConfig`);
    expect(await serverReads(spc, 200)).toHaveLength(1);
    expect(await serverReads(spc, 200)).toHaveLength(1);
  });

  it('PATCH /Users/:id reads it exactly once', async () => {
    const patch = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'title', value: 'Boss' },
        { op: 'add', path: 'costCenter', value: 'CC-1' },
      ],
    };
    const reads = await serverReads(() => scim(app, server, 'PATCH', `${server.base}/Users/${userId}`, patch), 200);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/FROM identity_servers WHERE id = \$1/);
  });

  it('PUT /Users/:id, a group PATCH and a Bulk request read it exactly once each', async () => {
    const groupId = (await scim(app, server, 'POST', `${server.base}/Groups`, groupBody('one-read'))).body.id;
    const addMember = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: [{ value: userId }] }],
    };
    const bulk = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'a', data: userBody() },
        { method: 'PATCH', path: `/Groups/${groupId}`, data: addMember },
      ],
    };
    const put = () => scim(app, server, 'PUT', `${server.base}/Users/${userId}`, userBody(`put-${userId}@example.com`));
    expect(await serverReads(put, 200)).toHaveLength(1);
    expect(
      await serverReads(() => scim(app, server, 'PATCH', `${server.base}/Groups/${groupId}`, addMember), 200),
    ).toHaveLength(1);
    expect(await serverReads(() => scim(app, server, 'POST', `${server.base}/Bulk`, bulk), 200)).toHaveLength(1);
  });
});
