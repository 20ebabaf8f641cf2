import { RequestLogWriter } from '../../src/audit-log/request-log/request-log.writer';
import { mintSelfTestCredential } from '../../src/self-test/self-test-credential';
import { ServerDirectory } from '../../src/servers/server-directory';
import { createServer, CreatedServer, scim } from '../support/factories';
import { freePort, processStore, runCli, startBuiltServer } from '../support/process';
import { ENGINE, TestApp } from '../support/test-app';

const ID = '[0-9a-f-]{36}';

/** A step as the report shows it, durations aside. */
const step = (
  name: string,
  method: string,
  path: string | RegExp,
  status: number | null,
  expected: number,
  extra: Record<string, unknown> = {},
) => ({
  name,
  method,
  path: typeof path === 'string' ? path : expect.stringMatching(path),
  status,
  expected,
  ok: status === expected,
  durationMs: expect.any(Number),
  ...extra,
});

const CONNECTION = [
  step('entra-test-connection', 'GET', /^\/Users\?filter=userName%20eq%20%22[0-9a-f-]{36}%22$/, 200, 200),
  step('okta-test-connection', 'GET', '/Users?startIndex=1&count=2', 200, 200),
];
const ANONYMOUS = step('refuses-anonymous', 'GET', '/Users?startIndex=1&count=1', 401, 401);
const cycle = (patchStatus: 200 | 204) => [
  step('create-user', 'POST', '/Users', 201, 201),
  step('get-user', 'GET', new RegExp(`^/Users/${ID}$`), 200, 200),
  step('deactivate-user', 'PATCH', new RegExp(`^/Users/${ID}$`), patchStatus, patchStatus),
  step('create-group', 'POST', '/Groups', 201, 201),
  step('remove-member', 'PATCH', new RegExp(`^/Groups/${ID}$`), patchStatus, patchStatus),
  step('delete-group', 'DELETE', new RegExp(`^/Groups/${ID}$`), 204, 204),
  step('delete-user', 'DELETE', new RegExp(`^/Users/${ID}$`), 204, 204),
];

/**
 * The self-test calls the server's public SCIM URL over HTTP: the app listens on a real port and
 * PUBLIC_URL points at it, as behind a proxy in production.
 */
describe('POST /admin/servers/:id/self-test and the self-test credential', () => {
  let app: TestApp;
  let port: number;

  const selfTest = (server: Pick<CreatedServer, 'id'>, body?: unknown) =>
    app.admin('POST', `/servers/${server.id}/self-test`, body);
  const counts = async (serverId: string) =>
    (
      await app.dataSource.query(
        `SELECT (SELECT count(*)::int FROM scim_users WHERE server_id = $1) AS users, (SELECT count(*)::int FROM scim_groups WHERE server_id = $1) AS groups,
                (SELECT count(*)::int FROM credentials WHERE server_id = $1 AND method = 'self-test' AND revoked_at IS NULL) AS live`,
        [serverId],
      )
    )[0];

  beforeAll(async () => {
    port = await freePort();
    app = await TestApp.start({ PUBLIC_URL: `http://127.0.0.1:${port}` });
    await app.app.listen(port, '127.0.0.1');
  });
  afterAll(() => app.close());

  it('bearer server: every step passes, in order, and nothing is left behind (users, groups, credentials)', async () => {
    const server = await createServer(app, { logRequests: true });
    const res = await selfTest(server);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      serverId: server.id,
      scimUrl: `http://127.0.0.1:${port}/scim/v2/${server.id}`,
      ok: true,
      startedAt: expect.any(String),
      durationMs: expect.any(Number),
      steps: [...CONNECTION, ANONYMOUS, ...cycle(200)],
      leftBehind: [],
    });
    expect(await counts(server.id)).toEqual({ users: 0, groups: 0, live: 0 });
    // The IdP's own credential still works; the run's never shows among the server's credentials.
    expect((await scim(app, server, 'GET', `${server.base}/Users`)).status).toBe(200);
    const listed = await app.admin('GET', `/servers/${server.id}/credentials`);
    expect(listed.body.map((c: { id: string }) => c.id)).toEqual([server.credentialId]);
  });

  it("every request is in the request log with the scimd-self-test User-Agent and the run's credential; the run is audited", async () => {
    const server = await createServer(app, { logRequests: true });
    await selfTest(server);
    await app.get(RequestLogWriter).flush();
    const logs = await app.admin('GET', `/servers/${server.id}/logs?limit=50`);
    const entries = [...logs.body.entries].reverse();
    expect(entries.map((e: { method: string; status: number }) => `${e.method} ${e.status}`)).toEqual([
      'GET 200',
      'GET 200',
      'GET 401',
      'POST 201',
      'GET 200',
      'PATCH 200',
      'POST 201',
      'PATCH 200',
      'DELETE 204',
      'DELETE 204',
    ]);
    expect(new Set(entries.map((e: { userAgent: string }) => e.userAgent))).toEqual(new Set(['scimd-self-test/1']));
    const audit = await app.admin('GET', `/audit?serverId=${server.id}`);
    const run = audit.body.entries.find((e: { action: string }) => e.action === 'server.self-test');
    expect(run).toMatchObject({ actor: 'admin-api', serverId: server.id, after: { ok: true, steps: 10, failed: [] } });
    const credentialIds = new Set(
      entries.filter((e: { status: number }) => e.status !== 401).map((e: { credentialId: string }) => e.credentialId),
    );
    expect(credentialIds).toEqual(new Set([run.targetId]));
    // The secret is nowhere: not in the stored credential, the log or the audit trail.
    const stored = await app.dataSource.query('SELECT secret_hash, revoked_at FROM credentials WHERE id = $1', [
      run.targetId,
    ]);
    expect(stored[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].revoked_at).not.toBeNull();
    expect(JSON.stringify([logs.body, audit.body])).not.toMatch(/st1\./);
  });

  it('basic server with patchStatus 204: every step passes, PATCH steps expecting 204', async () => {
    const server = await createServer(app, { security: { method: 'basic' }, scim: { patchStatus: 204 } });
    const res = await selfTest(server, { stepTimeoutMs: 5000 });
    expect(res.body.steps).toEqual([...CONNECTION, ANONYMOUS, ...cycle(204)]);
    expect(res.body.ok).toBe(true);
    expect(await counts(server.id)).toEqual({ users: 0, groups: 0, live: 0 });
  });

  it.each(['digest', 'oauth2', 'none'])('%s server: every step passes', async (method) => {
    const server = await createServer(app, { security: { method } });
    const res = await selfTest(server);
    expect(res.body.steps).toEqual([...CONNECTION, ...(method === 'none' ? [] : [ANONYMOUS]), ...cycle(200)]);
    expect(res.body.ok).toBe(true);
  });

  it('inactive server: the steps fail with 403 reported, the cycle stops at its first step, nothing is left behind', async () => {
    const server = await createServer(app, { active: false });
    const res = await selfTest(server);
    expect(res.status).toBe(200);
    const detail = `expected %s, got 403: Identity server ${server.id} is inactive`;
    const failed = (s: ReturnType<typeof step>, expected: number) => ({
      ...s,
      status: 403,
      ok: false,
      detail: detail.replace('%s', String(expected)),
    });
    // Skipped before the ids existed: the paths show placeholders.
    const placeholders = [
      '/Users/{userId}',
      '/Users/{userId}',
      '/Groups',
      '/Groups/{groupId}',
      '/Groups/{groupId}',
      '/Users/{userId}',
    ];
    const [create, ...rest] = cycle(200);
    const skipped = rest.map((s, i) => ({
      ...s,
      path: placeholders[i],
      status: null,
      ok: false,
      skipped: true,
      durationMs: 0,
    }));
    expect(res.body).toMatchObject({ ok: false, leftBehind: [] });
    expect(res.body.steps).toEqual([
      failed(CONNECTION[0], 200),
      failed(CONNECTION[1], 200),
      failed(ANONYMOUS, 401),
      failed(create, 201),
      ...skipped,
    ]);
    expect(await counts(server.id)).toEqual({ users: 0, groups: 0, live: 0 });
  });

  it('a step failing mid-cycle: the rest is skipped and the user it created is removed by a clean-up step', async () => {
    // A required Group attribute the self-test does not send makes create-group fail with 400.
    const server = await createServer(app);
    const declared = await app.admin('PUT', `/servers/${server.id}/attributes`, {
      attributes: [{ resourceType: 'Group', name: 'tier', required: true }],
    });
    expect(declared.status).toBe(200);
    const res = await selfTest(server);
    const [createUser, getUser, deactivate, createGroup, ...rest] = cycle(200);
    expect(res.body.steps).toEqual([
      ...CONNECTION,
      ANONYMOUS,
      createUser,
      getUser,
      deactivate,
      { ...createGroup, status: 400, ok: false, detail: expect.stringMatching(/^expected 201, got 400: .*tier/) },
      ...rest.map((s) => ({
        ...s,
        path: s.name === 'delete-user' ? s.path : expect.stringMatching(/\{groupId\}$/),
        status: null,
        ok: false,
        skipped: true,
        durationMs: 0,
      })),
      step('cleanup-delete-user', 'DELETE', new RegExp(`^/Users/${ID}$`), 204, 204, { cleanup: true }),
    ]);
    expect(res.body).toMatchObject({ ok: false, leftBehind: [] });
    expect(await counts(server.id)).toEqual({ users: 0, groups: 0, live: 0 });
  });

  it('unreachable PUBLIC_URL: every step reports no answer, nothing is created', async () => {
    const other = await TestApp.start({ PUBLIC_URL: `http://127.0.0.1:${await freePort()}` });
    try {
      const server = await createServer(other);
      const res = await other.admin('POST', `/servers/${server.id}/self-test`, { stepTimeoutMs: 1000 });
      expect(res.body.ok).toBe(false);
      expect(res.body.steps[0]).toMatchObject({
        name: 'entra-test-connection',
        status: null,
        ok: false,
        detail: 'connection failed: ECONNREFUSED',
      });
      expect(res.body.steps.filter((s: { skipped?: boolean }) => s.skipped)).toHaveLength(6);
    } finally {
      await other.close();
    }
  });

  it('the self-test header: a wrong, unknown or revoked credential is a 401, also on a none server; 400 for bad options, 404 for an unknown server', async () => {
    const server = await createServer(app, { security: { method: 'none' } });
    for (const value of ['st1.nope', `st1.00000000-0000-4000-8000-000000000000.${'a'.repeat(43)}`]) {
      const res = await app.request('GET', `${server.base}/Users`, { headers: { 'x-scimd-self-test': value } });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '401',
        detail: 'The self-test credential is not valid for this identity server (wrong, expired or revoked)',
      });
    }
    // A live one works, at its own server only, until it is revoked or expires.
    const minted = mintSelfTestCredential();
    await app.dataSource.query(
      `INSERT INTO credentials (id, server_id, method, secret_hash, expires_at, created_at) VALUES ($1, $2, 'self-test', $3, now() + interval '1 minute', now())`,
      [minted.id, server.id, minted.hash],
    );
    const bearer = await createServer(app);
    const withToken = (target: CreatedServer, token: string) =>
      app.request('GET', `${target.base}/Users`, { headers: { 'x-scimd-self-test': token } });
    expect((await withToken(server, minted.token)).status).toBe(200);
    expect((await withToken(bearer, minted.token)).status).toBe(401);
    expect((await withToken(server, `${minted.token.slice(0, -2)}xx`)).status).toBe(401);
    await app.dataSource.query('UPDATE credentials SET revoked_at = now() WHERE id = $1', [minted.id]);
    app.get(ServerDirectory).forget(server.id);
    expect((await withToken(server, minted.token)).status).toBe(401);
    const expired = mintSelfTestCredential();
    await app.dataSource.query(
      `INSERT INTO credentials (id, server_id, method, secret_hash, expires_at, created_at) VALUES ($1, $2, 'self-test', $3, now() - interval '1 second', now())`,
      [expired.id, bearer.id, expired.hash],
    );
    expect((await withToken(bearer, expired.token)).status).toBe(401);
    // Nor does it pass as the server's bearer token.
    expect((await scim(app, { token: expired.token }, 'GET', `${bearer.base}/Users`)).status).toBe(401);

    expect((await selfTest(server, { stepTimeoutMs: 5 })).status).toBe(400);
    expect((await selfTest(server, { stepTimeoutMs: 'x' })).status).toBe(400);
    expect((await selfTest(server, { other: 1 })).status).toBe(400);
    expect((await selfTest({ id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await app.request('POST', `/admin/servers/${server.id}/self-test`)).status).toBe(401);
  });

  it("one run per server at a time: a second run started meanwhile, or while a cut-short run's credential lives, is a 409", async () => {
    const server = await createServer(app);
    const other = await createServer(app);
    const [first, second] = await Promise.all([selfTest(server), selfTest(server)]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const refused = first.status === 409 ? first : second;
    expect(refused.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: expect.stringMatching(
        /^A self-test of this identity server is already running; wait for its report and run it again \(a run that was cut short blocks new ones until \d{4}-\d\d-\d\dT[\d:.]+Z at the latest\)$/,
      ),
    });
    expect((first.status === 200 ? first : second).body.ok).toBe(true);
    expect(await counts(server.id)).toEqual({ users: 0, groups: 0, live: 0 });
    // A run whose process died leaves its credential live until it expires: new runs wait for that.
    const cutShort = mintSelfTestCredential();
    await app.dataSource.query(
      `INSERT INTO credentials (id, server_id, method, secret_hash, expires_at, created_at) VALUES ($1, $2, 'self-test', $3, now() + interval '1 minute', now())`,
      [cutShort.id, server.id, cutShort.hash],
    );
    expect((await selfTest(server)).status).toBe(409);
    expect((await selfTest(other)).status).toBe(200);
    await app.dataSource.query(`UPDATE credentials SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      cutShort.id,
    ]);
    const again = await selfTest(server);
    expect([again.status, again.body.ok]).toEqual([200, true]);
  });
});

/** `npm run cli -- self-test <server>` against the built server, as an operator runs it. */
describe('the self-test CLI command', () => {
  const store = processStore('self-test');
  const env = { ...store.env, ADMIN_TOKEN: 'cli-self-test-admin-token-0123', LOG_LEVEL: 'warn' };

  afterAll(async () => {
    await store.remove();
  });

  it('prints every step against the running server (on the embedded database the command runs inside it); exit 1 with the failing step when the server is inactive', async () => {
    const port = await freePort();
    const running = await startBuiltServer({ ...env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
    try {
      const cliEnv = env; // without PUBLIC_URL: the URLs are the server's (recorded at its start, or the server's own when the command runs inside it)
      expect(runCli(['servers', 'create', 'Okta self-test', '--method', 'basic'], cliEnv).status).toBe(0);
      const human = runCli(['self-test', 'okta self-test'], cliEnv);
      expect(human.stderr).toBe('');
      expect(human.status).toBe(0);
      const lines = human.stdout.split('\n');
      expect(lines[0]).toMatch(/^Self-test of http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/[0-9a-f-]{36}$/);
      expect(lines[2]).toMatch(/^step\s+request\s+status\s+expected\s+result\s+ms\s+detail$/);
      expect(
        lines.slice(4, 14).map((l) => l.split(/\s+/).slice(0, 1).concat(l.split(/\s+/).slice(3, 6)).join(' ')),
      ).toEqual([
        'entra-test-connection 200 200 ok',
        'okta-test-connection 200 200 ok',
        'refuses-anonymous 401 401 ok',
        'create-user 201 201 ok',
        'get-user 200 200 ok',
        'deactivate-user 200 200 ok',
        'create-group 201 201 ok',
        'remove-member 200 200 ok',
        'delete-group 204 204 ok',
        'delete-user 204 204 ok',
      ]);
      expect(human.stdout).toMatch(/\nOK: 10 of 10 steps passed in \d+ ms\n$/);

      const server = JSON.parse(runCli(['servers', 'show', 'Okta self-test', '--json'], cliEnv).stdout);
      await fetch(`http://127.0.0.1:${running.port}/admin/servers/${server.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ active: false }),
      });
      const failed = runCli(['self-test', server.id, '--json'], cliEnv);
      expect(failed.status).toBe(1);
      expect(failed.stderr).toBe(
        `error: self-test of "Okta self-test" failed (see the steps above; the request log has every request: npm run cli -- logs ${server.id})\n`,
      );
      const report = JSON.parse(failed.stdout);
      expect(report.steps[0]).toMatchObject({
        name: 'entra-test-connection',
        status: 403,
        ok: false,
        detail: `expected 200, got 403: Identity server ${server.id} is inactive`,
      });
      const audit = runCli(['audit', server.id, '--json'], cliEnv)
        .stdout.trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(audit.filter((e) => e.action === 'server.self-test').map((e) => [e.actor, e.after.ok])).toEqual([
        ['cli', true],
        ['cli', false],
      ]);
      expect(runCli(['self-test', server.id, '--timeout', '5'], cliEnv).stderr).toBe(
        'error: --timeout must be a whole number of milliseconds from 100 to 60000\n',
      );
    } finally {
      running.child.kill('SIGTERM');
      await running.exited;
    }
  });

  (ENGINE === 'pglite' ? it : it.skip)('embedded database, no server running: refused, saying to start it', () => {
    expect(runCli(['servers', 'create', 'Entra'], env).status).toBe(0);
    const res = runCli(['self-test', 'Entra'], env);
    expect(res.stderr).toBe(
      'error: self-test calls the running server, and no server runs on this DATA_DIR: start it (npm start), then run this again ' +
        '(the command then runs inside the server, which holds the embedded database)\n',
    );
    expect(res.status).toBe(1);
  });
});
