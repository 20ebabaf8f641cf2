import { RequestLogWriter } from '../../src/audit-log/request-log/request-log.writer';
import { createServer, CreatedServer, scim } from '../support/factories';
import { ADMIN_TOKEN, TestApp } from '../support/test-app';

const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

/**
 * A filter comparing a `returned: never` attribute (password, a custom writeOnly one) carries the
 * secret in the query or the body: the request log keeps the request, with the compared value
 * redacted in its path, its action, its request body and its export.
 */
describe('request log: secrets in filters', () => {
  let app: TestApp;
  let server: CreatedServer;

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app, { logRequests: true });
    const declared = await app.admin('PUT', `/servers/${server.id}/attributes`, {
      attributes: [{ schema: ACME, name: 'pin', mutability: 'writeOnly', returned: 'never' }],
    });
    expect(declared.status).toBe(200);
  });
  afterAll(() => app.close());

  async function logged(): Promise<Record<string, any>[]> {
    await new Promise((resolve) => setImmediate(resolve));
    await app.get(RequestLogWriter).flush();
    return app.dataSource.query(
      'SELECT path, status, action, request_body FROM request_logs WHERE server_id = $1 ORDER BY created_at, id',
      [server.id],
    );
  }

  /** What the action says: a search when the filter was answered, the refusal's detail otherwise. */
  const actionOf = (res: { status: number; body: any }, search: string) =>
    res.status === 200 ? search : `rejected: ${res.body.detail}`;

  it('redacts the compared value in the stored path, the action, the body and the export', async () => {
    const byQuery = await scim(app, server, 'GET', `${server.base}/Users?filter=password%20eq%20%22hunter2%22&count=5`);
    const byPin = await scim(
      app,
      server,
      'GET',
      `${server.base}/Users?filter=userName%20eq%20%22a%22%20or%20${ACME}:pin%20eq%20%224711%22`,
    );
    const byBody = await scim(app, server, 'POST', `${server.base}/Users/.search`, {
      schemas: [SEARCH],
      filter: 'password sw "hunter2"',
    });
    for (const res of [byQuery, byPin, byBody]) expect([200, 400]).toContain(res.status);

    const rows = await logged();
    expect(rows).toEqual([
      {
        path: `${server.base}/Users?filter=password%20eq%20"[redacted]"&count=5`,
        status: byQuery.status,
        action: actionOf(byQuery, 'search users where password eq "[redacted]"'),
        request_body: null,
      },
      {
        path: `${server.base}/Users?filter=userName%20eq%20"a"%20or%20${ACME}:pin%20eq%20"[redacted]"`,
        status: byPin.status,
        action: actionOf(byPin, `search users where userName eq "a" or ${ACME}:pin eq "[redacted]"`),
        request_body: null,
      },
      {
        path: `${server.base}/Users/.search`,
        status: byBody.status,
        action: actionOf(byBody, 'search users where password sw "[redacted]"'),
        request_body: JSON.stringify({ schemas: [SEARCH], filter: 'password sw "[redacted]"' }),
      },
    ]);

    const exported = await app.app.inject({
      method: 'GET',
      url: `/admin/servers/${server.id}/logs/export`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(exported.statusCode).toBe(200);
    const lines = exported.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.path)).toEqual(rows.map((r) => r.path).reverse());
    expect(exported.body).not.toContain('hunter2');
    expect(exported.body).not.toContain('4711');
  });
});
