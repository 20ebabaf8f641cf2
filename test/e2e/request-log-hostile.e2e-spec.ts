import { CapturedRequest } from '../../src/audit-log/request-log/captured-request';
import { RequestLogWriter } from '../../src/audit-log/request-log/request-log.writer';
import { createServer, CreatedServer, scim } from '../support/factories';
import { TestApp } from '../support/test-app';

/**
 * Hostile input must not cost other entries their place in the log: a NUL (which PostgreSQL's text
 * refuses) reaching a logged field is stored escaped, and an entry the database still refuses is
 * dropped alone — the other entries of its batch, other servers' among them, are written.
 */
describe('request log: hostile input', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  async function settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await app.get(RequestLogWriter).flush();
  }

  async function rows(server: CreatedServer): Promise<Record<string, any>[]> {
    return app.dataSource.query('SELECT * FROM request_logs WHERE server_id = $1 ORDER BY created_at, id', [server.id]);
  }

  /** What a NUL becomes in a stored text: the JSON escape, visibly. */
  // eslint-disable-next-line no-control-regex -- NUL is what it replaces
  const escaped = (text: string) => text.replace(/\u0000/g, '\\u0000');

  it.each([
    ['GET', '/Users/%00'],
    ['DELETE', '/Groups/%00'],
    ['GET', '/Users?attributes=userName%00'],
    ['GET', '/Users?sortBy=userName%00'],
    ['GET', '/Users?filter=userName%00%20eq%20%22x%22'],
  ])(
    'a NUL in %s %s is logged escaped, and another server’s 5 concurrent entries are all written',
    async (method, path) => {
      const hostile = await createServer(app, { logRequests: true });
      const other = await createServer(app, { logRequests: true });
      const [bad, ...others] = await Promise.all([
        scim(app, hostile, method, `${hostile.base}${path}`),
        ...[1, 2, 3, 4, 5].map((n) => scim(app, other, 'GET', `${other.base}/Users?count=${n}`)),
      ]);
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(bad.status).toBeLessThan(500);
      expect(others.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      await settle();

      expect((await rows(other)).map((r) => r.path).sort()).toEqual(
        [1, 2, 3, 4, 5].map((n) => `${other.base}/Users?count=${n}`),
      );
      const [entry] = await rows(hostile);
      expect(entry).toMatchObject({
        method,
        path: `${hostile.base}${path}`,
        status: bad.status,
        action: `rejected: ${escaped(bad.body.detail)}`,
        response_body: bad.text,
      });
      if (path.endsWith('/%00')) expect(entry.resource_id).toBe('\\u0000');
      expect(app.get(RequestLogWriter).stats()).toMatchObject({ dropped: 0, failedBatches: 0 });
    },
  );

  it('stores a raw NUL and a lone surrogate of a malformed body escaped', async () => {
    const server = await createServer(app, { logRequests: true });
    const payload = '{"userName": "nul\u0000here", "x": "\ud800"';
    const res = await app.request('POST', `${server.base}/Users`, {
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/scim+json' },
      payload,
    });
    expect(res.status).toBe(400);
    await settle();
    const [entry] = await rows(server);
    expect(entry.request_body).toBe('{"userName": "nul\\u0000here", "x": "\\ud800"');
  });

  it('an entry the database refuses is dropped and counted alone; the other servers’ entries of its batch are written', async () => {
    const hostile = await createServer(app, { logRequests: true });
    const other = await createServer(app, { logRequests: true });
    const writer = app.get(RequestLogWriter);
    await settle();
    const before = writer.stats();
    const entry = (serverId: string, requestId: string, credentialId: string | null = null): CapturedRequest => ({
      serverId,
      kind: 'request',
      at: Date.now(),
      requestId,
      method: 'GET',
      url: '/scim/v2/x/Users',
      routeUrl: `/scim/v2/${serverId}/Users`,
      status: 200,
      durationMs: 1,
      clientAddress: '127.0.0.1',
      userAgent: null,
      credentialId,
    });
    writer.record(entry(other.id, 'o1'), 512);
    writer.record(entry(hostile.id, 'bad', 'not-a-uuid'), 512); // a value the uuid column refuses
    for (const n of [2, 3, 4, 5]) writer.record(entry(other.id, `o${n}`), 512);
    await settle();
    expect((await rows(other)).map((r) => r.request_id).sort()).toEqual(['o1', 'o2', 'o3', 'o4', 'o5']);
    expect((await rows(hostile)).map((r) => [r.kind, r.action])).toEqual([
      ['dropped', '1 log entry dropped (log queue full or database unavailable)'],
    ]);
    expect(writer.stats()).toMatchObject({
      dropped: before.dropped + 1,
      failedBatches: before.failedBatches + 1,
      queued: 0,
    });
  });
});
