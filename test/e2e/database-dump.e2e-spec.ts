import { createDecipheriv, hkdfSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { RequestLogWriter } from '../../src/audit-log/request-log/request-log.writer';
import { sha256Hex } from '../../src/common/crypto';
import { challengeOf, digestAuthorization, digestHash } from '../support/digest-client';
import { createServer, CreatedServer, userBody } from '../support/factories';
import { PUBLIC_URL, TestApp } from '../support/test-app';

/** What scimd's source tells an attacker: the audience of its tokens and the HKDF info of its sealing key. */
const AUDIENCE = 'scimd:scim';
const SEALING_PURPOSE = 'scimd sealed credential secrets v1';
const REDIRECT = 'https://idp.example/callback';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const USER_PASSWORD = 'a user password never stored in clear';

type Row = Record<string, unknown>;
interface Dump {
  /** Every row of every table of scimd's schema, as PostgreSQL prints it (`to_jsonb(t)::text`). */
  text: string;
  rows: Record<string, Row[]>;
}

/** What `pg_dump` would give an attacker: every row of every table of scimd's schema, as text. */
async function readDump(dataSource: DataSource): Promise<Dump> {
  const tables: { table_name: string }[] = await dataSource.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const rows: Record<string, Row[]> = {};
  const lines: string[] = [];
  for (const { table_name: table } of tables) {
    const texts: { row: string }[] = await dataSource.query(`SELECT to_jsonb(t)::text AS row FROM "${table}" t`);
    rows[table] = texts.map(({ row }) => JSON.parse(row) as Row);
    lines.push(...texts.map(({ row }) => `${table}: ${row}`));
  }
  return { text: lines.join('\n'), rows };
}

/** Every string value of the dump (and of strings that are themselves JSON) at least 32 characters long. */
function candidateKeys(dump: Dump): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.length >= 32) found.add(value);
      if (/^[[{]/.test(value)) {
        try {
          walk(JSON.parse(value));
        } catch {
          // text that only looks like JSON
        }
      }
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  Object.values(dump.rows).forEach(walk);
  return [...found];
}

/** A bearer token re-signed with `key` from the claims of a `credentials` row; `iat` is not stored, so try the second it was created in and the next. */
function forgeBearer(key: Uint8Array, credential: Row, issuedAt: number): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(PUBLIC_URL)
    .setAudience(AUDIENCE)
    .setSubject(String(credential.server_id))
    .setJti(String(credential.id))
    .setIssuedAt(issuedAt)
    .setExpirationTime(Math.floor(new Date(String(credential.expires_at)).getTime() / 1000))
    .sign(key);
}

const issuedAtCandidates = (credential: Row): number[] => {
  const created = Math.floor(new Date(String(credential.created_at)).getTime() / 1000);
  return [created, created + 1];
};

/** Opens a sealed Digest secret (SecretBox's format) with the key HKDF derives from `secret`; undefined when it does not open. */
function unseal(secret: Uint8Array, credential: Row): string | undefined {
  const [version, iv, sealed, tag] = String(credential.sealed_secret).split('.');
  if (version !== 'v1') return undefined;
  try {
    const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), SEALING_PURPOSE, 32));
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(
      Buffer.from(`${credential.server_id}/${credential.id}`, 'utf8'),
    );
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * Issue 13 §3: with JWT_SECRET unset the signing key sat in `system_secrets`, so a database dump alone
 * gave back every bearer token (every claim is in the `credentials` row) and every Digest HA1. The key
 * now lives in a key file outside the database: this is the attack, run on a dump of every table.
 */
describe('a dump of the database alone yields no working credential', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scimd-dump-'));
  const keyFile = join(dir, 'scimd.key');
  let app: TestApp;
  let bearer: CreatedServer;
  let basic: CreatedServer;
  let digest: CreatedServer;
  let oauth: CreatedServer;
  let accessToken: string;
  let dump: Dump;
  let candidates: string[];
  let addresses = 0;

  /** A SCIM request from an address of its own: the failure throttle never answers 429 instead of 401. */
  const scimAs = async (server: CreatedServer, authorization: string): Promise<number> => {
    addresses += 1;
    const res = await app.app.inject({
      method: 'GET',
      url: `${server.base}/Users`,
      headers: { authorization },
      remoteAddress: `198.18.${addresses >> 8}.${addresses & 255}`,
    });
    return res.statusCode;
  };

  beforeAll(async () => {
    app = await TestApp.start({ KEY_FILE: keyFile });
    bearer = await createServer(app, { security: { method: 'bearer' }, logRequests: true });
    basic = await createServer(app, { security: { method: 'basic', username: 'okta' }, logRequests: true });
    digest = await createServer(app, { security: { method: 'digest', username: 'entra' }, logRequests: true });
    oauth = await createServer(app, { security: { method: 'oauth2', redirectUris: [REDIRECT] }, logRequests: true });

    // Each credential in use once, so that what a working deployment stores is in the dump too.
    expect(await scimAs(bearer, `Bearer ${bearer.token}`)).toBe(200);
    const user = await app.request('POST', `${bearer.base}/Users`, {
      headers: { authorization: `Bearer ${bearer.token}` },
      body: userBody(undefined, { password: USER_PASSWORD }),
    });
    expect(user.status).toBe(201);
    expect(
      await scimAs(basic, `Basic ${Buffer.from(`okta:${basic.body.credentials.password}`).toString('base64')}`),
    ).toBe(200);
    const challenge = await app.request('GET', `${digest.base}/Users`);
    const sha256 = [challenge.headers['www-authenticate']].flat().find((c) => String(c).includes('algorithm=SHA-256'));
    const answer = digestAuthorization(challengeOf(String(sha256)), {
      username: 'entra',
      password: digest.body.credentials.password,
      method: 'GET',
      uri: `${digest.base}/Users`,
    });
    expect(await scimAs(digest, answer)).toBe(200);
    const { clientId, clientSecret } = oauth.body.credentials;
    const granted = await app.request('POST', `/oauth/${oauth.id}/token`, {
      headers: FORM,
      payload: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }).toString(),
    });
    expect(granted.status).toBe(200);
    accessToken = granted.body.access_token;
    expect(await scimAs(oauth, `Bearer ${accessToken}`)).toBe(200);

    await app.get(RequestLogWriter).flush();
    dump = await readDump(app.dataSource);
    candidates = candidateKeys(dump);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds no issued secret (tokens, passwords, Digest HA1 values, client secrets, access tokens) nor a user password', () => {
    const realm = `scimd/${digest.id}`;
    const password = digest.body.credentials.password;
    const secrets = [
      bearer.token!,
      basic.body.credentials.password,
      password,
      digestHash('SHA-256', `entra:${realm}:${password}`),
      digestHash('MD5', `entra:${realm}:${password}`),
      oauth.body.credentials.clientSecret,
      accessToken,
      USER_PASSWORD,
    ];
    for (const secret of secrets) expect(dump.text).not.toContain(secret);
    expect(dump.rows.credentials.filter((c) => c.method === 'digest').map((c) => String(c.sealed_secret))).toEqual([
      expect.stringMatching(/^v1\./),
    ]);
  });

  it('holds neither the signing key nor any trace of it but a fingerprint; the key file is 0600', () => {
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(dump.text).not.toContain(key);
    expect(dump.rows.system_secrets.map((s) => s.name).sort()).toEqual(['jwt_key_fingerprint']);
  });

  it('the attack works with the key from the key file (so its failures below mean something)', async () => {
    const key = utf8(readFileSync(keyFile, 'utf8').trim());
    const [credential] = dump.rows.credentials.filter((c) => c.method === 'bearer');
    const forged = await Promise.all(issuedAtCandidates(credential).map((iat) => forgeBearer(key, credential, iat)));
    expect(forged).toContain(bearer.token);
    expect(await scimAs(bearer, `Bearer ${bearer.token}`)).toBe(200);
    const user = await app.request('POST', `${bearer.base}/Users`, {
      headers: { authorization: `Bearer ${bearer.token}` },
      body: userBody(undefined, { password: USER_PASSWORD }),
    });
    expect(user.status).toBe(201);
    const [sealed] = dump.rows.credentials.filter((c) => c.method === 'digest');
    expect(unseal(key, sealed)).toContain(
      digestHash('SHA-256', `entra:scimd/${digest.id}:${digest.body.credentials.password}`),
    );
  });

  it('re-signing a bearer token with every string of the dump as the HS256 key gives tokens answered 401', async () => {
    expect(candidates.length).toBeGreaterThan(10);
    const credentials = dump.rows.credentials.filter((c) => c.method === 'bearer');
    expect(credentials).toHaveLength(1);
    const accepted: string[] = [];
    for (const candidate of candidates) {
      for (const credential of credentials) {
        for (const iat of issuedAtCandidates(credential)) {
          const forged = await forgeBearer(utf8(candidate), credential, iat);
          // Offline, the attacker knows a forged token is the real one when its SHA-256 is the stored hash.
          if (sha256Hex(forged) === credential.secret_hash) accepted.push(`hash of a token signed with ${candidate}`);
          const status = await scimAs(bearer, `Bearer ${forged}`);
          if (status !== 401) accepted.push(`${status} for a token signed with ${candidate}`);
        }
      }
    }
    expect(accepted).toEqual([]);
  }, 120_000);

  it('no string of the dump, as the key HKDF derives the sealing key from, unseals a Digest credential', () => {
    const sealed = dump.rows.credentials.filter((c) => c.method === 'digest');
    const opened = candidates.flatMap((candidate) =>
      sealed.filter((credential) => unseal(utf8(candidate), credential) !== undefined).map(() => candidate),
    );
    expect(opened).toEqual([]);
  });
});
