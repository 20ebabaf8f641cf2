import {
  createServerWith,
  CredentialsService,
  ENGINE,
  refusal,
  ServersService,
  TestApp,
  TokenSigner,
} from '../support/services';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * CredentialsService on the real database: rotation (an old and a new credential valid at once),
 * revocation taking effect at once although the secret was verified and remembered, and expiry.
 */
describe(`CredentialsService (${ENGINE})`, () => {
  let app: TestApp;
  let servers: ServersService;
  let credentials: CredentialsService;

  const principal = (serverId: string, method: string, credentialId: string) => ({ serverId, method, credentialId });
  /** Runs `fn` with the clock at `at` (a credential's expiry is checked against the clock on every use). */
  const at = async <T>(time: number, fn: () => Promise<T>): Promise<T> => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(time);
    try {
      return await fn();
    } finally {
      now.mockRestore();
    }
  };

  beforeAll(async () => {
    app = await TestApp.start();
    servers = app.get(ServersService);
    credentials = app.get(CredentialsService);
  });
  afterAll(() => app.close());

  describe('bearer', () => {
    // Would catch: a revocation that waits for the remembered token to expire from the cache.
    it('rotation: both tokens work until the old one is revoked, which takes effect at once', async () => {
      const server = await createServerWith(app);
      const old = server.credentials!;
      const rotated = await servers.issueCredential(server.id);
      expect(await credentials.authenticateBearer(server.id, old.token!)).toEqual(
        principal(server.id, 'bearer', old.id),
      );
      expect(await credentials.authenticateBearer(server.id, rotated.token!)).toEqual(
        principal(server.id, 'bearer', rotated.id),
      );
      await servers.revokeCredential(server.id, old.id);
      expect(await credentials.authenticateBearer(server.id, old.token!)).toBeUndefined();
      expect(await credentials.authenticateBearer(server.id, rotated.token!)).toEqual(
        principal(server.id, 'bearer', rotated.id),
      );
    });

    // Would catch: a revocation that is not conditional on the credential being unrevoked and the server's.
    it('revoking twice, or at another server, is 404 and changes nothing', async () => {
      const server = await createServerWith(app);
      const other = await createServerWith(app);
      const { id, token } = server.credentials!;
      expect(await refusal(servers.revokeCredential(other.id, id))).toEqual([
        404,
        undefined,
        `Identity server ${other.id} has no active credential ${id}`,
      ]);
      expect(await credentials.authenticateBearer(server.id, token!)).toEqual(principal(server.id, 'bearer', id));
      await servers.revokeCredential(server.id, id);
      expect(await refusal(servers.revokeCredential(server.id, id))).toEqual([
        404,
        undefined,
        `Identity server ${server.id} has no active credential ${id}`,
      ]);
      const [{ n }] = await app.dataSource.query(
        "SELECT count(*)::int AS n FROM admin_audit WHERE server_id = $1 AND action = 'credential.revoked'",
        [server.id],
      );
      expect(n).toBe(1);
    });

    // Would catch: the server or the stored hash not compared (a token of one server opening another,
    // or a token signed with the key but not the one issued).
    it("refuses another server's token, and a validly signed token that is not the one issued", async () => {
      const server = await createServerWith(app);
      const other = await createServerWith(app);
      const { id, token } = server.credentials!;
      expect(await credentials.authenticateBearer(other.id, token!)).toBeUndefined();
      const forged = await app.get(TokenSigner).sign(server.id, id, new Date(Date.now() + 2 * DAY_MS));
      expect(forged).not.toBe(token);
      expect(await credentials.authenticateBearer(server.id, forged)).toBeUndefined();
      expect(await credentials.authenticateBearer(server.id, token!)).toEqual(principal(server.id, 'bearer', id));
    });

    // Would catch: expiry checked only when the token is first verified (a remembered token outliving it).
    it('a remembered token is refused once its credential has expired', async () => {
      const server = await createServerWith(app, { security: { method: 'bearer', tokenLifetimeDays: 1 } });
      const { id, token, expiresAt } = server.credentials!;
      const expiry = Date.parse(expiresAt!);
      expect(expiry - Date.now()).toBeGreaterThan(DAY_MS - 60_000);
      expect(await credentials.authenticateBearer(server.id, token!)).toEqual(principal(server.id, 'bearer', id));
      expect(await at(expiry - 1000, () => credentials.authenticateBearer(server.id, token!))).toEqual(
        principal(server.id, 'bearer', id),
      );
      expect(await at(expiry + 1000, () => credentials.authenticateBearer(server.id, token!))).toBeUndefined();
    });
  });

  describe('oauth2 client secrets', () => {
    // Would catch: the rotation window closed early (only the newest secret accepted) or never (an
    // expired or revoked secret still accepted).
    it('rotation: both secrets work; an expired one and a revoked one do not', async () => {
      const server = await createServerWith(app, { security: { method: 'oauth2', secretLifetimeDays: 30 } });
      const old = server.credentials!;
      const rotated = await servers.issueCredential(server.id);
      expect(Date.parse(rotated.expiresAt!) - Date.now()).toBeGreaterThan(30 * DAY_MS - 60_000);
      expect(await credentials.oauthClientSecret(server.id, old.clientSecret!)).toBe(old.id);
      expect(await credentials.oauthClientSecret(server.id, rotated.clientSecret!)).toBe(rotated.id);
      // The old secret's 30 days pass.
      await app.dataSource.query("UPDATE credentials SET expires_at = now() - interval '1 second' WHERE id = $1", [
        old.id,
      ]);
      expect(await credentials.oauthClientSecret(server.id, old.clientSecret!)).toBeUndefined();
      expect(await credentials.oauthClientSecret(server.id, rotated.clientSecret!)).toBe(rotated.id);
      await servers.revokeCredential(server.id, rotated.id);
      expect(await credentials.oauthClientSecret(server.id, rotated.clientSecret!)).toBeUndefined();
    });
  });

  describe('basic and digest', () => {
    // Would catch: the remembered username/password pair outliving its credential's revocation.
    it('basic rotation: both passwords work; a remembered one is refused at once when revoked', async () => {
      const server = await createServerWith(app, { security: { method: 'basic', password: 'first-password-1234' } });
      const old = server.credentials!;
      const rotated = await servers.issueCredential(server.id);
      expect(rotated.username).toBe(old.username);
      expect(await credentials.authenticateBasic(server.id, old.username!, 'first-password-1234')).toEqual(
        principal(server.id, 'basic', old.id),
      );
      expect(await credentials.authenticateBasic(server.id, rotated.username!, rotated.password!)).toEqual(
        principal(server.id, 'basic', rotated.id),
      );
      expect(await credentials.authenticateBasic(server.id, old.username!, 'wrong-password')).toBeUndefined();
      await servers.revokeCredential(server.id, old.id);
      expect(await credentials.authenticateBasic(server.id, old.username!, 'first-password-1234')).toBeUndefined();
      expect(await credentials.authenticateBasic(server.id, rotated.username!, rotated.password!)).toEqual(
        principal(server.id, 'basic', rotated.id),
      );
    });

    // Would catch: only one Digest secret offered while a credential is rotated, or a revoked one kept.
    it('digest rotation: the HA1 of each unrevoked credential, newest first', async () => {
      const server = await createServerWith(app, { security: { method: 'digest', username: 'idp' } });
      const old = server.credentials!;
      const rotated = await servers.issueCredential(server.id);
      const ids = async () => (await credentials.digestSecrets(server.id, 'idp')).map((s) => s.credentialId);
      expect(await ids()).toEqual([rotated.id, old.id]);
      const [secret] = await credentials.digestSecrets(server.id, 'idp');
      expect(Object.keys(secret.ha1).sort()).toEqual(['MD5', 'SHA-256']);
      expect(await credentials.digestSecrets(server.id, 'someone-else')).toEqual([]);
      await servers.revokeCredential(server.id, rotated.id);
      expect(await ids()).toEqual([old.id]);
    });
  });
});
