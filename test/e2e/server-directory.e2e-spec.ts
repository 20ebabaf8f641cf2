import { randomBytes } from 'node:crypto';
import { createServer, scim } from '../support/factories';
import { ENGINE, TestApp } from '../support/test-app';

/**
 * Identity servers and credentials are cached per instance; every admin change reaches every instance
 * at once (PostgreSQL NOTIFY in the change's transaction). On PostgreSQL two app instances share one
 * schema here, as several containers behind a load balancer would; PGlite serves one process.
 */
describe('server directory: admin changes take effect at once on every instance', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    // Instances on one database share the signing key (or the second refuses to start).
    const key = { JWT_SECRET: randomBytes(32).toString('base64url') };
    a = await TestApp.start(key);
    b = ENGINE === 'postgres' ? await TestApp.start({ ...key, DATABASE_SCHEMA: a.config.databaseSchema }) : a;
  });
  afterAll(async () => {
    if (b !== a) await b.close();
    await a.close();
  });

  /** Polls briefly: a notification crosses a connection, so "at once" means within milliseconds. */
  async function eventually(check: () => Promise<boolean>): Promise<boolean> {
    for (let i = 0; i < 50; i++) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  }

  it('a credential revoked through one instance is refused by the other', async () => {
    const server = await createServer(a);
    const spc = (app: TestApp) => scim(app, server, 'GET', `${server.base}/ServiceProviderConfig`);
    expect((await spc(b)).status).toBe(200);
    expect((await spc(b)).status).toBe(200);
    expect((await a.admin('DELETE', `/servers/${server.id}/credentials/${server.credentialId}`)).status).toBe(204);
    expect(await eventually(async () => (await spc(b)).status === 401)).toBe(true);
    expect((await spc(a)).status).toBe(401);
  });

  it('a server deactivated, switched to none, or deleted through one instance is seen so by the other', async () => {
    const server = await createServer(a);
    const spc = () => scim(b, server, 'GET', `${server.base}/ServiceProviderConfig`);
    expect((await spc()).status).toBe(200);
    await a.admin('PATCH', `/servers/${server.id}`, { active: false });
    expect(await eventually(async () => (await spc()).status === 403)).toBe(true);
    await a.admin('PATCH', `/servers/${server.id}`, { active: true, security: { method: 'none' } });
    expect(
      await eventually(async () => (await b.request('GET', `${server.base}/ServiceProviderConfig`)).status === 200),
    ).toBe(true);
    await a.admin('DELETE', `/servers/${server.id}`);
    expect(await eventually(async () => (await spc()).status === 404)).toBe(true);
  });

  it('the default server follows isDefault changes made elsewhere', async () => {
    const first = await createServer(a, { isDefault: true });
    expect((await scim(b, first, 'GET', '/scim/v2/ServiceProviderConfig')).status).toBe(200);
    const second = await createServer(a, { isDefault: true });
    expect(
      await eventually(async () => (await scim(b, second, 'GET', '/scim/v2/ServiceProviderConfig')).status === 200),
    ).toBe(true);
    await a.admin('PATCH', `/servers/${second.id}`, { isDefault: false });
    expect(
      await eventually(async () => (await b.request('GET', '/scim/v2/ServiceProviderConfig')).status === 404),
    ).toBe(true);
  });
});
