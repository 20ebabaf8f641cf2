import { processStore, runCli, startBuiltServer } from '../support/process';

const ADMIN_TOKEN = 'process-admin-token-0123456789';

/**
 * The request log as an operator runs it: the built server writes it in batches, a graceful shutdown
 * writes what is queued, the CLI reads it; no secret reaches a stored row, a log line or the CLI.
 */
describe('request log: the built server and CLI', () => {
  const store = processStore('log-e2e');
  const env = { ...store.env, LOG_LEVEL: 'info', ADMIN_TOKEN };

  afterAll(async () => {
    await store.remove();
  });

  it('writes the queued entries on SIGTERM; neither the password nor the token is in the log lines or the log', async () => {
    const server = await startBuiltServer(env);
    const base = `http://127.0.0.1:${server.port}`;
    const created = await fetch(`${base}/admin/servers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Okta', logRequests: true }),
    }).then((r) => r.json() as Promise<{ id: string; credentials: { token: string } }>);
    const token = created.credentials.token;
    const password = 'Pr0cess-Secret-Passw0rd';
    const user = await fetch(`${base}/scim/v2/${created.id}/Users?apiKey=${token}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/scim+json',
        'user-agent': 'Okta SCIM Client 1.0.0',
      },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'proc@example.com',
        password,
      }),
    });
    expect(user.status).toBe(201);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const logs = runCli(['logs', 'Okta', '--json'], env);
    expect(logs.stderr).toBe('');
    expect(logs.status).toBe(0);
    const entries = logs.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(entries).toEqual([
      expect.objectContaining({
        method: 'POST',
        status: 201,
        action: 'create user proc@example.com',
        userAgent: 'Okta SCIM Client 1.0.0',
        path: `/scim/v2/${created.id}/Users?apiKey=%5Bredacted%5D`,
      }),
    ]);
    for (const text of [server.output(), logs.stdout]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(token);
    }
    expect(server.output()).toContain(`/scim/v2/${created.id}/Users?apiKey=%5Bredacted%5D`);
  });

  it('the CLI prints who changed which server (audit), oldest first, and refuses a bad --since', async () => {
    const server = await startBuiltServer(env);
    const base = `http://127.0.0.1:${server.port}`;
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    const created = await fetch(`${base}/admin/servers`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Entra' }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const patched = await fetch(`${base}/admin/servers/${created.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ logRequests: true }),
    });
    expect(patched.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const text = runCli(['audit', 'Entra'], env);
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(`^\\S+Z  admin-api sha256:[0-9a-f]{12} \\S+  server\\.created  ${created.id}$`),
    );
    expect(lines[1]).toMatch(
      new RegExp(`^\\S+Z  admin-api sha256:[0-9a-f]{12} \\S+  server\\.updated  ${created.id}  changed: logRequests$`),
    );

    const json = runCli(['audit', 'Entra', '--json', '--limit', '1'], env);
    expect(json.status).toBe(0);
    expect(
      json.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      expect.objectContaining({
        action: 'server.updated',
        actor: 'admin-api',
        serverId: created.id,
        before: expect.objectContaining({ logRequests: false }),
        after: expect.objectContaining({ logRequests: true }),
      }),
    ]);

    const bad = runCli(['audit', '--since', 'yesterday'], env);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--since must be an ISO 8601 date or time');
  });
});
