import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { processStore, ROOT, runCli, startBuiltServer } from '../support/process';

/**
 * The built server and CLI as an operator runs them: `node dist/main.js` and `node dist/cli.js`, on the
 * embedded database under a data directory, or on PostgreSQL in a schema of their own.
 */
describe('the built server and CLI', () => {
  const store = processStore('e2e');
  const env = { ...store.env, LOG_LEVEL: 'info' };

  afterAll(() => store.remove());

  it('refuses to start on bad configuration, naming every bad variable', () => {
    const res = spawnSync(process.execPath, ['dist/main.js'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PORT: 'abc', LOG_LEVEL: 'loud' },
      encoding: 'utf8',
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toBe(
      'Invalid configuration:\n  - PORT="abc" must be a whole number from 0 to 65535\n  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent\n',
    );
  });

  it('starts, prints a generated admin token once, serves SCIM, redacts secrets, finishes in-flight requests on SIGTERM and exits 0', async () => {
    const server = await startBuiltServer(env);
    const base = `http://127.0.0.1:${server.port}`;
    const banner = /scimd generated an admin token[\s\S]*?(scimd_admin_[\w-]+)/.exec(server.output());
    expect(banner).not.toBeNull();
    const adminToken = banner![1];

    const created = await fetch(`${base}/admin/servers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Entra', security: { method: 'bearer' } }),
    });
    expect(created.status).toBe(201);
    const { scimUrl, credentials } = (await created.json()) as { scimUrl: string; credentials: { token: string } };
    expect(scimUrl).toMatch(new RegExp(`^http://localhost:${server.port}/scim/v2/[0-9a-f-]{36}$`));
    const path = new URL(scimUrl).pathname;

    const spc = await fetch(`${base}${path}/ServiceProviderConfig`, {
      headers: { authorization: `Bearer ${credentials.token}` },
    });
    expect(spc.status).toBe(200);
    expect(spc.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    const wrong = await fetch(`${base}${path}/ServiceProviderConfig`, { headers: { authorization: 'Bearer wrong' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '401',
    });

    // An in-flight request: headers and half the body sent, then SIGTERM, then the rest of the body.
    const body = JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'inflight@example.com',
      password: 'pw-never-logged',
    });
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let response = '';
    socket.on('data', (d) => (response += d));
    socket.on('error', () => undefined); // a reset after the response is not what this test is about
    const closed = new Promise((r) => socket.once('close', r));
    socket.write(
      `POST ${path}/Users HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${credentials.token}\r\n` +
        `Content-Type: application/scim+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 20)}`,
    );
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    socket.write(body.slice(20)); // not end(): a half-closed client socket is ended by Node before the response
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 201 Created/);
    expect(await server.exited).toBe(0);

    const log = server.output();
    expect(log).toContain(
      'SIGTERM: answering new requests 503 for 1000 ms, finishing in-flight requests, then closing the database',
    );
    expect(log).toContain('database closed');
    expect(log).not.toContain(credentials.token);
    expect(log).not.toContain('pw-never-logged');
    expect(log.split(adminToken).length).toBe(2); // only in the banner

    // Restart on the same database: no new banner; the old admin token still works.
    const again = await startBuiltServer(env);
    expect(again.output()).not.toContain('scimd generated an admin token');
    const list = await fetch(`http://127.0.0.1:${again.port}/admin/servers`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { name: string }[]).map((s) => s.name)).toEqual(['Entra']);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('the CLI manages servers and credentials on the same database', () => {
    const created = runCli(['servers', 'create', 'Okta', '--json'], env);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const server = JSON.parse(created.stdout);
    expect(server).toMatchObject({
      name: 'Okta',
      security: { method: 'bearer' },
      credentials: { token: expect.any(String) },
    });

    const human = runCli(['servers', 'create', 'OneLogin'], env);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain('Paste into the IdP:');
    // The public URL the last server start recorded (its default, localhost and its port: embedded-data-dir.e2e-spec checks it exactly).
    expect(human.stdout).toMatch(/SCIM URL \(Tenant URL\): {2}http:\/\/localhost:\d+\/scim\/v2\/[0-9a-f-]{36}/);

    const digest = runCli(['servers', 'create', 'Legacy', '--method', 'digest', '--username', 'legacy-idp'], env);
    expect(digest.status).toBe(0);
    expect(digest.stdout).toMatch(/ {2}Username: {15}legacy-idp\n {2}Password: {15}[\w-]{32}\n/);
    expect(digest.stdout).not.toContain('Secret token');

    const dup = runCli(['servers', 'create', 'okta'], env);
    expect(dup.status).toBe(1);
    expect(dup.stderr).toBe('error: An identity server with this name already exists\n');

    const list = runCli(['servers', 'list'], env);
    expect(list.stdout.split('\n')[0]).toMatch(/^id\s+name\s+isDefault\s+active\s+logRequests\s+security\s+scimUrl$/);
    expect(list.stdout).toContain('Okta');

    const issued = JSON.parse(runCli(['credentials', 'issue', 'okta', '--json'], env).stdout);
    const revoked = runCli(['credentials', 'revoke', 'Okta', issued.id, '--json'], env);
    expect(revoked.status).toBe(0);
    const show = JSON.parse(runCli(['servers', 'show', server.id, '--json'], env).stdout);
    expect(show.credentials.map((c: { id: string; revokedAt: string | null }) => [c.id, c.revokedAt !== null])).toEqual(
      [
        [server.credentials.id, false],
        [issued.id, true],
      ],
    );
    expect(JSON.stringify(show)).not.toContain(server.credentials.token);

    const logs = runCli(['logs', 'Okta'], env);
    expect(logs).toEqual({ status: 0, stdout: '(no entries yet)\n', stderr: '' });
    expect(runCli(['logs', 'Okta', '--status', '9xx'], env).stderr).toBe(
      'error: --status must be a status class (1xx to 5xx) or a status code from 100 to 599, e.g. 4xx or 404\n',
    );
    expect(runCli(['logs', 'Okta', '--status', '404', '--resource-type', 'User'], env)).toEqual({
      status: 0,
      stdout: '(no entries yet)\n',
      stderr: '',
    });

    const rotated = runCli(['admin-token', '--rotate', '--json'], env);
    expect(JSON.parse(rotated.stdout).adminToken).toMatch(/^scimd_admin_[\w-]{43}$/);

    expect(runCli(['servers', 'delete', 'Okta'], env).status).toBe(0);
    expect(runCli(['servers', 'show', 'Okta'], env).stderr).toBe('error: no identity server named "Okta"\n');
    const unknown = runCli(['frobnicate'], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^error: unknown command "frobnicate"/);
  });
});
