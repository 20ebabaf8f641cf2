import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../src/database/database';
import { loadConfig } from '../../src/config/load-config';
import { challengeOf, digestAuthorization } from '../support/digest-client';
import { ENGINE } from '../support/test-app';
import { processStore, ProcessStore, ROOT, runCli, RunningServer, startBuiltServer } from '../support/process';

const ADMIN_TOKEN = 'signing-key-admin-token-0123456789';
const OLD_KEY = 'an-old-key-an-older-scimd-kept-in-the-database-0123456789';
const OTHER_KEY = 'another-key-than-the-one-the-credentials-were-issued-with';

/** The system_secrets rows of the store's database, read while no process holds it (the embedded one is single-process). */
async function systemSecrets(
  store: ProcessStore,
  change?: (db: Database) => Promise<unknown>,
): Promise<Record<string, string>> {
  const db = await Database.open(loadConfig({ ...store.env, LOG_LEVEL: 'silent' }));
  try {
    await change?.(db);
    const rows: { name: string; value: string }[] = await db.dataSource.query(
      'SELECT name, value FROM system_secrets ORDER BY name',
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  } finally {
    await db.close();
  }
}

/** The key an older scimd generated and kept in the database (it wrote no fingerprint). */
const makeOld = (store: ProcessStore) =>
  systemSecrets(store, async (db) => {
    await db.dataSource.query("DELETE FROM system_secrets WHERE name = 'jwt_key_fingerprint'");
    await db.dataSource.query("INSERT INTO system_secrets (name, value) VALUES ('jwt_hs256_key', $1)", [OLD_KEY]);
  });

/** `node dist/main.js` that must refuse to start: its exit status and standard error (killed if it starts after all). */
function refusedStart(env: Record<string, string | undefined>): { status: number | null; stderr: string } {
  const res = spawnSync(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', ...env },
    encoding: 'utf8',
    timeout: 120_000,
    killSignal: 'SIGKILL',
  });
  return { status: res.status, stderr: res.stderr };
}

const mismatch = (source: string, legacy = false): string =>
  `scimd cannot start: the signing key of this instance (${source}) differs from the one the credentials in this database were issued with` +
  (legacy ? ' (the key an older scimd kept in the database)' : '') +
  '. Every instance on one database must use the same key: the same KEY_FILE (one file, mounted on each) or the same JWT_SECRET. ' +
  'Give this instance that key and start it again; or, to replace the key deliberately, start one instance once with KEY_ROTATE=true: ' +
  'every bearer token and Digest credential issued so far then stops working and must be issued anew\n';

/**
 * Issue 13 §3: the signing key lives in a key file (or JWT_SECRET), never in the database; the database
 * keeps its fingerprint, and an instance with another key refuses to start.
 */
describe('the signing key: a key file outside the database', () => {
  const running: RunningServer[] = [];
  const stores: ProcessStore[] = [];

  const newStore = (prefix: string): ProcessStore => {
    const store = processStore(prefix);
    stores.push(store);
    return store;
  };
  const start = async (env: Record<string, string | undefined>): Promise<RunningServer> => {
    const server = await startBuiltServer({ LOG_LEVEL: 'info', ADMIN_TOKEN, ...env });
    running.push(server);
    return server;
  };
  const stop = async (server: RunningServer): Promise<void> => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  };
  const scimStatus = async (server: RunningServer, serverId: string, authorization: string): Promise<number> =>
    (await fetch(`http://127.0.0.1:${server.port}/scim/v2/${serverId}/Users`, { headers: { authorization } })).status;
  /** A Digest client's two requests: the challenge, then the answer. */
  const digestStatus = async (
    server: RunningServer,
    serverId: string,
    username: string,
    password: string,
  ): Promise<number> => {
    const uri = `/scim/v2/${serverId}/Users`;
    const challenge = await fetch(`http://127.0.0.1:${server.port}${uri}`);
    const sha256 = String(challenge.headers.get('www-authenticate'))
      .split(/,\s*(?=Digest )/)
      .find((c) => c.includes('algorithm=SHA-256'))!;
    return scimStatus(
      server,
      serverId,
      digestAuthorization(challengeOf(sha256), { username, password, method: 'GET', uri }),
    );
  };

  afterEach(async () => {
    for (const server of running.splice(0)) {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
      await server.exited;
    }
  });
  afterAll(async () => {
    for (const store of stores) await store.remove();
  });

  it('first start writes the key file 0600 and no key to the database; a restart and the CLI use it, and credentials issued before still work', async () => {
    const store = newStore('key-first');
    const keyFile = join(store.dataDir, 'scimd.key');
    const first = await start(store.env);
    const mode = statSync(keyFile).mode & 0o777;
    const key = readFileSync(keyFile, 'utf8');
    expect([mode, key]).toEqual([0o600, expect.stringMatching(/^[\w-]{64}$/)]);
    expect(first.output()).toContain(
      `generated a new signing key into ${keyFile}; back that file up, apart from the database`,
    );
    const created = await fetch(`http://127.0.0.1:${first.port}/admin/servers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Entra' }),
    }).then((r) => r.json() as Promise<{ id: string; credentials: { token: string } }>);
    expect(await scimStatus(first, created.id, `Bearer ${created.credentials.token}`)).toBe(200);
    await stop(first);

    const secrets = await systemSecrets(store);
    expect(Object.keys(secrets)).toEqual(['jwt_key_fingerprint', 'public_url']); // public_url: what the server hands out (RecordedPublicUrl)
    expect(JSON.stringify(secrets)).not.toContain(key);

    const issued = runCli(['credentials', 'issue', 'Entra', '--json'], store.env);
    expect([issued.status, issued.stderr]).toEqual([0, '']);
    const digest = JSON.parse(
      runCli(['servers', 'create', 'Legacy', '--method', 'digest', '--username', 'legacy-idp', '--json'], store.env)
        .stdout,
    );

    const again = await start(store.env);
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
    expect(again.output()).not.toContain('generated a new signing key');
    expect(await scimStatus(again, created.id, `Bearer ${created.credentials.token}`)).toBe(200);
    expect(await scimStatus(again, created.id, `Bearer ${JSON.parse(issued.stdout).token}`)).toBe(200);
    expect(await digestStatus(again, digest.id, 'legacy-idp', digest.credentials.password)).toBe(200);
    for (const output of [first.output(), again.output()]) expect(output).not.toContain(key);
    await stop(again);

    // The same key as JWT_SECRET instead of the file: the same instance, as far as credentials go.
    const fromEnv = await start({ ...store.env, JWT_SECRET: key });
    expect(await scimStatus(fromEnv, created.id, `Bearer ${created.credentials.token}`)).toBe(200);
    expect(fromEnv.output()).not.toContain(key);
    await stop(fromEnv);
  }, 300_000);

  it('moves the key an older scimd kept in the database into the key file once: that exact value, the row gone, old credentials working', async () => {
    const store = newStore('key-move');
    const keyFile = join(store.dataDir, 'scimd.key');
    // Credentials issued under the old key, then the database as an older scimd left it.
    const bearer = JSON.parse(
      runCli(['servers', 'create', 'Okta', '--json'], { ...store.env, JWT_SECRET: OLD_KEY }).stdout,
    );
    const digest = JSON.parse(
      runCli(['servers', 'create', 'Legacy', '--method', 'digest', '--json'], { ...store.env, JWT_SECRET: OLD_KEY })
        .stdout,
    );
    expect(Object.keys(await makeOld(store))).toEqual(['jwt_hs256_key']);

    const server = await start(store.env);
    expect(readFileSync(keyFile, 'utf8')).toBe(OLD_KEY);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(server.output()).toContain(
      `moved the signing key out of the database into ${keyFile}; back that file up, apart from the database`,
    );
    expect(server.output()).not.toContain(OLD_KEY);
    expect(await scimStatus(server, bearer.id, `Bearer ${bearer.credentials.token}`)).toBe(200);
    expect(await digestStatus(server, digest.id, digest.credentials.username, digest.credentials.password)).toBe(200);
    await stop(server);
    expect(Object.keys(await systemSecrets(store))).toEqual(['jwt_key_fingerprint', 'public_url']);

    const again = await start(store.env);
    expect(again.output()).not.toContain('moved the signing key');
    expect(await scimStatus(again, bearer.id, `Bearer ${bearer.credentials.token}`)).toBe(200);
    await stop(again);
  }, 300_000);

  it('an old database switched to JWT_SECRET equal to its stored key keeps working, and the stored key is deleted, no file written', async () => {
    const store = newStore('key-env');
    const bearer = JSON.parse(
      runCli(['servers', 'create', 'Okta', '--json'], { ...store.env, JWT_SECRET: OLD_KEY }).stdout,
    );
    await makeOld(store);
    const listed = runCli(['credentials', 'list', 'Okta', '--json'], { ...store.env, JWT_SECRET: OLD_KEY });
    expect([listed.status, listed.stderr]).toEqual([0, '']);
    expect(Object.keys(await systemSecrets(store))).toEqual(['jwt_key_fingerprint']); // only the CLI ran: no server recorded a public URL
    expect(() => statSync(join(store.dataDir, 'scimd.key'))).toThrow(/ENOENT/);
    const server = await start({ ...store.env, JWT_SECRET: OLD_KEY });
    expect(await scimStatus(server, bearer.id, `Bearer ${bearer.credentials.token}`)).toBe(200);
    await stop(server);
  }, 300_000);

  it('an instance with another key refuses to start, naming it; KEY_ROTATE=true accepts it, and the old credentials stop working', async () => {
    const store = newStore('key-other');
    const otherKeyFile = join(store.dataDir, 'other.key');
    writeFileSync(otherKeyFile, `${OTHER_KEY}\n`, { mode: 0o600 });
    const bearer = JSON.parse(runCli(['servers', 'create', 'Okta', '--json'], store.env).stdout);
    const keyFile = join(store.dataDir, 'scimd.key');

    for (const env of [{ KEY_FILE: otherKeyFile }, { JWT_SECRET: OTHER_KEY }]) {
      const refused = refusedStart({ ...store.env, ...env, ADMIN_TOKEN });
      expect(refused).toEqual({
        status: 1,
        stderr: mismatch(env.KEY_FILE ? `KEY_FILE ${otherKeyFile}` : 'JWT_SECRET'),
      });
    }
    const cli = runCli(['servers', 'list'], { ...store.env, KEY_FILE: otherKeyFile });
    expect([cli.status, cli.stderr]).toEqual([
      1,
      `error: ${mismatch(`KEY_FILE ${otherKeyFile}`).replace('scimd cannot start: ', '')}`,
    ]);

    const rotated = await start({ ...store.env, KEY_FILE: otherKeyFile, KEY_ROTATE: 'true' });
    expect(rotated.output()).toContain(
      `KEY_ROTATE=true: the signing key is now KEY_FILE ${otherKeyFile}; every bearer token and Digest credential issued under the previous key no longer works`,
    );
    expect(await scimStatus(rotated, bearer.id, `Bearer ${bearer.credentials.token}`)).toBe(401);
    await stop(rotated);

    // Now the first key is the other one.
    expect(refusedStart({ ...store.env, ADMIN_TOKEN })).toEqual({ status: 1, stderr: mismatch(`KEY_FILE ${keyFile}`) });
    const issued = JSON.parse(
      runCli(['credentials', 'issue', 'Okta', '--json'], { ...store.env, KEY_FILE: otherKeyFile }).stdout,
    );
    const after = await start({ ...store.env, KEY_FILE: otherKeyFile });
    expect(after.output()).not.toContain('KEY_ROTATE');
    expect(await scimStatus(after, bearer.id, `Bearer ${issued.token}`)).toBe(200);
    await stop(after);
  }, 300_000);

  it('an old database refuses a key file holding another key than the one it kept (instead of deleting it)', async () => {
    const store = newStore('key-old-other');
    runCli(['servers', 'create', 'Okta', '--json'], { ...store.env, JWT_SECRET: OLD_KEY });
    await makeOld(store);
    const otherKeyFile = join(store.dataDir, 'other.key');
    writeFileSync(otherKeyFile, OTHER_KEY, { mode: 0o600 });
    expect(refusedStart({ ...store.env, KEY_FILE: otherKeyFile, ADMIN_TOKEN })).toEqual({
      status: 1,
      stderr: mismatch(`KEY_FILE ${otherKeyFile}`, true),
    });
    expect(Object.keys(await systemSecrets(store))).toEqual(['jwt_hs256_key']);
  }, 180_000);

  it('refuses an empty or short key file, and warns about one other users can read', async () => {
    const store = newStore('key-bad');
    const keyFile = join(store.dataDir, 'scimd.key');
    writeFileSync(keyFile, '\n', { mode: 0o600 });
    expect(refusedStart({ ...store.env, ADMIN_TOKEN })).toEqual({
      status: 1,
      stderr: `scimd cannot start: KEY_FILE ${keyFile} holds 0 characters; a key has at least 32. Restore the file from its backup (a new key makes every issued credential stop working)\n`,
    });
    writeFileSync(keyFile, OTHER_KEY);
    chmodSync(keyFile, 0o644);
    const server = await start(store.env);
    expect(server.output()).toContain(
      `KEY_FILE ${keyFile} can be read by other users (mode 0644): make it 0600 (chmod 600)`,
    );
    await stop(server);
  }, 180_000);

  (ENGINE === 'postgres' ? it : it.skip)(
    'two instances starting at once on one database: the same key file, both start; two new key files, one refuses',
    async () => {
      const store = newStore('key-race');
      const shared = join(store.dataDir, 'shared', 'scimd.key');
      const pair = await Promise.all([
        start({ ...store.env, KEY_FILE: shared }),
        start({ ...store.env, KEY_FILE: shared }),
      ]);
      const created = await fetch(`http://127.0.0.1:${pair[0].port}/admin/servers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Entra' }),
      }).then((r) => r.json() as Promise<{ id: string; credentials: { token: string } }>);
      expect(await scimStatus(pair[1], created.id, `Bearer ${created.credentials.token}`)).toBe(200);
      await Promise.all(pair.map(stop));

      const fresh = newStore('key-race2');
      const outcomes = await Promise.allSettled(
        [1, 2].map((n) => start({ ...fresh.env, KEY_FILE: join(fresh.dataDir, `instance-${n}.key`) })),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
      expect(String(refused.reason)).toMatch(
        /server exited early \(1\)[\s\S]*the signing key of this instance \(KEY_FILE .*instance-\d\.key\) differs from the one the credentials in this database were issued with/,
      );
    },
    300_000,
  );
});
