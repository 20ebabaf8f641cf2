import { createServer, scim, scimError } from '../support/factories';
import { ServerDirectory } from '../../src/servers/server-directory';
import { TestApp } from '../support/test-app';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const INVALID = 'The bearer token is not valid for this identity server (wrong, expired or revoked)';
const CHALLENGE_INVALID = 'Bearer realm="scimd", error="invalid_token"';

describe('credentials: issue, rotate, revoke (bearer)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const spc = (server: { base: string }, token: string | null) =>
    scim(app, { token }, 'GET', `${server.base}/ServiceProviderConfig`);

  it('issues a second credential; both work at once (rotation)', async () => {
    const server = await createServer(app);
    const issued = await app.admin('POST', `/servers/${server.id}/credentials`);
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({
      id: expect.any(String),
      token: expect.any(String),
      expiresAt: expect.stringMatching(ISO),
    });
    expect(issued.body.token).not.toBe(server.token);
    expect((await spc(server, server.token)).status).toBe(200);
    expect((await spc(server, issued.body.token)).status).toBe(200);

    const list = await app.admin('GET', `/servers/${server.id}/credentials`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      {
        id: server.credentialId,
        method: 'bearer',
        createdAt: expect.stringMatching(ISO),
        expiresAt: expect.stringMatching(ISO),
        revokedAt: null,
      },
      {
        id: issued.body.id,
        method: 'bearer',
        createdAt: expect.stringMatching(ISO),
        expiresAt: expect.stringMatching(ISO),
        revokedAt: null,
      },
    ]);
    expect(list.text).not.toContain(server.token!);
  });

  it('a revoked credential stops working at once, even right after a successful use; the others keep working', async () => {
    const server = await createServer(app);
    const second = (await app.admin('POST', `/servers/${server.id}/credentials`)).body;
    expect((await spc(server, server.token)).status).toBe(200); // the token is now known as checked
    const res = await app.admin('DELETE', `/servers/${server.id}/credentials/${server.credentialId}`);
    expect(res.status).toBe(204);
    const refused = await spc(server, server.token);
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe(CHALLENGE_INVALID);
    expect(refused.body).toEqual(scimError(401, INVALID));
    expect((await spc(server, second.token)).status).toBe(200);
    expect((await app.admin('DELETE', `/servers/${server.id}/credentials/${server.credentialId}`)).status).toBe(404);
  });

  it('refuses a token of another server (401), even for the same path shape', async () => {
    const a = await createServer(app);
    const b = await createServer(app);
    expect((await spc(a, a.token)).status).toBe(200);
    const res = await spc(b, a.token);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(scimError(401, INVALID));
  });

  it('refuses an expired token', async () => {
    const server = await createServer(app);
    expect((await spc(server, server.token)).status).toBe(200);
    // Time passing is what expires a token; here the row is edited, so the cached state is dropped too.
    await app.dataSource.query(`UPDATE credentials SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      server.credentialId,
    ]);
    app.app.get(ServerDirectory).forget(server.id);
    expect((await spc(server, server.token)).status).toBe(401);
  });

  it('refuses a token whose signature or content was tampered with', async () => {
    const server = await createServer(app);
    const [header, payload, signature] = server.token!.split('.');
    const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA');
    expect((await spc(server, `${header}.${payload}.${flipped}`)).status).toBe(401);
    expect((await spc(server, 'not-a-jwt')).status).toBe(401);
  });

  it('asks for credentials when none are sent, or sent with another scheme', async () => {
    const server = await createServer(app);
    for (const headers of [{}, { authorization: 'Basic dTpw' }, { authorization: 'Bearer' }] as Record<
      string,
      string
    >[]) {
      const res = await app.request('GET', `${server.base}/ServiceProviderConfig`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="scimd"');
      expect(res.body).toEqual(scimError(401, 'Authentication required: send "Authorization: Bearer <token>"'));
    }
  });

  it('the none method needs no credentials and issues none', async () => {
    const server = await createServer(app, { security: { method: 'none' } });
    expect((await spc(server, null)).status).toBe(200);
    const res = await app.admin('POST', `/servers/${server.id}/credentials`);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      `Identity server ${server.id} uses security method "none", which takes no credentials`,
    );
  });

  it('answers 404 for unknown servers and credentials', async () => {
    const server = await createServer(app);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await app.admin('POST', `/servers/${unknown}/credentials`)).status).toBe(404);
    expect((await app.admin('GET', `/servers/${unknown}/credentials`)).status).toBe(404);
    const res = await app.admin('DELETE', `/servers/${server.id}/credentials/${unknown}`);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe(`Identity server ${server.id} has no active credential ${unknown}`);
    expect((await app.admin('DELETE', `/servers/${server.id}/credentials/nope`)).status).toBe(404);
  });

  it('stores only a hash of the token', async () => {
    const server = await createServer(app);
    const rows = await app.dataSource.query('SELECT secret_hash FROM credentials WHERE id = $1', [server.credentialId]);
    expect(rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = JSON.stringify(await app.dataSource.query('SELECT * FROM credentials'));
    expect(dump).not.toContain(server.token!);
  });
});
