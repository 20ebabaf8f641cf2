import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RunningServer, startBuiltServer } from '../support/process';

/**
 * A real client against the built server: curl's own Basic and Digest implementations (curl picks
 * the SHA-256 challenge), on the embedded database or on PostgreSQL in a schema of its own.
 */
describe('Basic and Digest with curl against the built server', () => {
  const adminToken = `scimd_admin_${randomBytes(16).toString('hex')}`;
  const schema = `c_${randomBytes(6).toString('hex')}`;
  let server: RunningServer;
  let origin: string;

  beforeAll(async () => {
    server = await startBuiltServer({
      DATA_DIR: 'memory://',
      DATABASE_URL: process.env.DATABASE_URL,
      DATABASE_SCHEMA: process.env.DATABASE_URL ? schema : undefined,
      ADMIN_TOKEN: adminToken,
      LOG_LEVEL: 'warn',
    });
    origin = `http://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    if (process.env.DATABASE_URL) {
      const ds = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
      await ds.initialize();
      await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await ds.destroy();
    }
  });

  async function serverWith(
    security: Record<string, unknown>,
  ): Promise<{ path: string; password: string; credentials: Record<string, string> }> {
    const res = await fetch(`${origin}/admin/servers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `curl-${randomBytes(4).toString('hex')}`, security }),
    });
    const body = (await res.json()) as { scimUrl: string; credentials: Record<string, string> };
    return { path: new URL(body.scimUrl).pathname, password: body.credentials.password, credentials: body.credentials };
  }

  /** curl's status code and body for one request. */
  function curl(args: string[]): { status: number; body: string } {
    const out = execFileSync('curl', ['-s', '-w', '\n%{http_code}', ...args], { encoding: 'utf8' });
    const cut = out.lastIndexOf('\n');
    return { status: Number(out.slice(cut + 1)), body: out.slice(0, cut) };
  }

  it('curl --digest reads and creates (two round trips each: challenge, then answer)', async () => {
    const { path, password } = await serverWith({ method: 'digest', username: 'entra' });
    const list = curl(['--digest', '-u', `entra:${password}`, `${origin}${path}/Users?count=1`]);
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body)).toMatchObject({ totalResults: 0 });
    const body = JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'curl-digest@example.com',
    });
    const created = curl([
      '--digest',
      '-u',
      `entra:${password}`,
      '-H',
      'content-type: application/scim+json',
      '--data',
      body,
      `${origin}${path}/Users`,
    ]);
    expect(created.status).toBe(201);
    expect(JSON.parse(created.body)).toMatchObject({ userName: 'curl-digest@example.com' });
    expect(curl(['--digest', '-u', 'entra:wrong-password', `${origin}${path}/Users`]).status).toBe(401);
  });

  it('curl -u (Basic) reads; a wrong password is 401', async () => {
    const { path, password } = await serverWith({ method: 'basic', username: 'okta' });
    expect(curl(['-u', `okta:${password}`, `${origin}${path}/ServiceProviderConfig`]).status).toBe(200);
    expect(curl(['-u', 'okta:wrong-password', `${origin}${path}/ServiceProviderConfig`]).status).toBe(401);
  });

  it('OAuth 2.0 client credentials with curl: token from the token endpoint, then SCIM with it', async () => {
    const { path, credentials } = await serverWith({ method: 'oauth2' });
    const tokenUrl = credentials.tokenUrl.replace(/^https?:\/\/[^/]+/, origin);
    const issued = curl([
      '-u',
      `${credentials.clientId}:${credentials.clientSecret}`,
      '-d',
      'grant_type=client_credentials',
      tokenUrl,
    ]);
    expect(issued.status).toBe(200);
    const { access_token: accessToken, token_type: tokenType } = JSON.parse(issued.body) as {
      access_token: string;
      token_type: string;
    };
    expect(tokenType).toBe('Bearer');
    expect(curl(['-H', `authorization: Bearer ${accessToken}`, `${origin}${path}/Users`]).status).toBe(200);
    expect(curl(['-u', `${credentials.clientId}:wrong`, '-d', 'grant_type=client_credentials', tokenUrl]).status).toBe(
      401,
    );
  });
});
