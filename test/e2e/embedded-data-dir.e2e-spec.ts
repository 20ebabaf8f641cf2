import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, processStore, ROOT, runCli, RunningServer, startBuiltServer } from '../support/process';
import { ENGINE } from '../support/test-app';

const ISO = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const embedded = ENGINE === 'pglite' ? describe : describe.skip;

/** The built server, started a second time on the same data directory: its exit status and what it printed. */
function startAgain(
  env: Record<string, string | undefined>,
  port: number,
): { status: number | null; stderr: string; stdout: string } {
  const res = spawnSync(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', ...env, PORT: String(port) },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: res.status, stderr: res.stderr, stdout: res.stdout };
}

/** Waits until `read()` satisfies `until`, or fails after `ms`. */
async function waitFor(read: () => string, until: (text: string) => boolean, ms = 20_000): Promise<string> {
  const deadline = Date.now() + ms;
  while (!until(read())) {
    if (Date.now() > deadline) throw new Error(`not seen within ${ms} ms; so far:\n${read()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return read();
}

async function stop(server: RunningServer, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  server.child.kill(signal);
  return server.exited;
}

/**
 * The embedded database is one process's: the server claims DATA_DIR (its control socket), a second
 * server is refused naming the holder, and the CLI acts through the running server — its changes seen
 * at once and kept across restarts, `kill -9` leaving nothing stuck. Real processes on a directory on disk.
 */
embedded('embedded database: one process holds DATA_DIR, the CLI acts through it', () => {
  jest.setTimeout(240_000);
  const store = processStore('data-dir');
  const env = { ...store.env, LOG_LEVEL: 'info' };
  const cliEnv = { DATA_DIR: store.dataDir };
  let server: RunningServer;
  let base: string;
  let adminToken: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await startBuiltServer({ ...env, PORT: String(port), PUBLIC_URL: base });
    adminToken = (await waitFor(server.output, (text) => /scimd_admin_\S+/.test(text))).match(/scimd_admin_\S+/)![0];
  });
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    if (server.child.exitCode === null) await stop(server);
    await store.remove();
  });

  it('a second server on the same DATA_DIR exits at once, naming the directory and the process holding it', async () => {
    const started = Date.now();
    const second = startAgain(env, await freePort());
    expect(second.stderr).toMatch(
      new RegExp(
        `^scimd cannot start: DATA_DIR ${escape(store.dataDir)} is in use by the scimd server \\(pid ${server.child.pid}, started ${ISO}\\): ` +
          'the embedded database belongs to one process at a time\\. Stop that one first, or give this one another DATA_DIR ' +
          '\\(several instances share a database only on PostgreSQL: DATABASE_URL\\)\\n$',
      ),
    );
    expect(second.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });

  it('the control socket is the owner’s alone (mode 0600)', () => {
    const socket = statSync(join(store.dataDir, 'scimd.sock'));
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
  });

  it('servers create runs inside the server: its URL is the server’s, its token works at once', async () => {
    const created = runCli(['servers', 'create', 'Entra', '--json'], cliEnv);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const body = JSON.parse(created.stdout) as { id: string; scimUrl: string; credentials: { token: string } };
    expect(body.scimUrl).toBe(`${base}/scim/v2/${body.id}`);
    const users = await fetch(`${body.scimUrl}/Users`, {
      headers: { authorization: `Bearer ${body.credentials.token}` },
    });
    expect(users.status).toBe(200);
    expect(await users.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
    const listed = await fetch(`${base}/admin/servers`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(((await listed.json()) as { name: string }[]).map((s) => s.name)).toEqual(['Entra']);
  });

  it('roles set --file - sends the file the CLI read (its standard input) to the server', () => {
    const mapping = {
      roles: ['admin', 'viewer'],
      defaultRole: 'viewer',
      rules: [{ source: 'group', value: 'Admins', role: 'admin' }],
    };
    const set = spawnSync(process.execPath, ['dist/cli.js', 'roles', 'set', 'Entra', '--file', '-', '--json'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...cliEnv },
      input: JSON.stringify(mapping),
      encoding: 'utf8',
    });
    expect(set.stderr).toBe('');
    expect(set.status).toBe(0);
    const shown = runCli(['roles', 'show', 'Entra', '--json'], cliEnv);
    expect(JSON.parse(shown.stdout)).toEqual(JSON.parse(set.stdout));
    const bad = spawnSync(process.execPath, ['dist/cli.js', 'roles', 'set', 'Entra', '--file', '-'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...cliEnv },
      input: '{not json',
      encoding: 'utf8',
    });
    expect([bad.status, bad.stdout]).toEqual([1, '']);
    expect(bad.stderr).toMatch(/^error: - is not JSON: /);
  });

  it('admin-token --rotate takes effect at once: the new token works, the old one is refused', async () => {
    const rotated = runCli(['admin-token', '--rotate', '--json'], cliEnv);
    expect(rotated.stderr).toBe('');
    expect(rotated.status).toBe(0);
    const { adminToken: fresh } = JSON.parse(rotated.stdout) as { adminToken: string };
    expect(fresh).toMatch(/^scimd_admin_/);
    const status = async (token: string): Promise<number> =>
      (await fetch(`${base}/admin/servers`, { headers: { authorization: `Bearer ${token}` } })).status;
    expect(await status(fresh)).toBe(200);
    expect(await status(adminToken)).toBe(401);
    adminToken = fresh;
  });

  it('logs --follow prints new requests as they come; Ctrl-C ends it (exit 130) and the server goes on', async () => {
    expect(runCli(['servers', 'update', 'Entra', '--log-requests'], cliEnv).status).toBe(0);
    const id = (JSON.parse(runCli(['servers', 'show', 'Entra', '--json'], cliEnv).stdout) as { id: string }).id;
    const follow = spawn(process.execPath, ['dist/cli.js', 'logs', 'Entra', '--follow'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...cliEnv },
    });
    children.push(follow);
    let out = '';
    follow.stdout.on('data', (d) => (out += d));
    follow.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => follow.on('exit', (code) => resolve(code)));
    await waitFor(
      () => out,
      (text) => text.includes('(no entries yet)'),
    );
    expect((await fetch(`${base}/scim/v2/${id}/Users`)).status).toBe(401);
    const seen = await waitFor(
      () => out,
      (text) => text.includes(`/scim/v2/${id}/Users`),
    );
    expect(seen.split('\n')[1]).toMatch(
      new RegExp(`^${ISO}  401  GET     rejected: authentication failed: .+  /scim/v2/${id}/Users  \\d+ ms$`),
    );
    follow.kill('SIGINT');
    expect(await exited).toBe(130);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });

  it('migration:run is refused while the server holds DATA_DIR, saying what to do', () => {
    const res = runCli(['migration:run'], cliEnv);
    expect(res.stderr).toBe(
      `error: the scimd server (pid ${server.child.pid}) holds the embedded database in DATA_DIR: it applied the pending migrations when it started (MIGRATIONS_RUN); ` +
        'to run them by hand, stop it first, then run migration:run again\n',
    );
    expect(res.status).toBe(1);
  });

  it('after kill -9 the next server takes DATA_DIR over at once and has every change the CLI made', async () => {
    expect(await stop(server, 'SIGKILL')).toBe(null);
    expect(statSync(join(store.dataDir, 'scimd.sock')).isSocket()).toBe(true); // left behind, held by nobody
    const port = Number(new URL(base).port);
    server = await startBuiltServer({ ...env, PORT: String(port), PUBLIC_URL: base });
    const listed = await fetch(`${base}/admin/servers`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(listed.status).toBe(200);
    expect(
      ((await listed.json()) as { name: string; logRequests: boolean }[]).map((s) => [s.name, s.logRequests]),
    ).toEqual([['Entra', true]]);
  });

  it('a CLI command holding DATA_DIR (no server running) makes a server start refuse, naming the command', async () => {
    expect(await stop(server)).toBe(0);
    const follow = spawn(process.execPath, ['dist/cli.js', 'logs', 'Entra', '--follow'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...cliEnv },
    });
    children.push(follow);
    let out = '';
    follow.stdout.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => follow.on('exit', (code) => resolve(code)));
    await waitFor(
      () => out,
      (text) => text.includes('/Users'),
    );
    const refused = startAgain(env, await freePort());
    expect(refused.stderr).toMatch(
      new RegExp(
        `^scimd cannot start: DATA_DIR ${escape(store.dataDir)} is in use by the scimd command \`logs Entra --follow\` \\(pid ${follow.pid}, started ${ISO}\\): `,
      ),
    );
    expect(refused.status).toBe(1);
    follow.kill('SIGINT');
    expect(await exited).toBe(130);
    server = await startBuiltServer({ ...env, PUBLIC_URL: base, PORT: new URL(base).port });
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });
});

/** The CLI prints the URLs the server uses, without PUBLIC_URL in its own environment. */
describe('the CLI takes the public URL the server recorded', () => {
  jest.setTimeout(120_000);
  const store = processStore('public-url');

  afterAll(async () => {
    await store.remove();
  });

  it('servers create, run by a CLI without PUBLIC_URL, prints the server’s URL (the server stopped)', async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const running = await startBuiltServer({
      ...store.env,
      ADMIN_TOKEN: 'public-url-admin-token-0123',
      PORT: String(port),
      PUBLIC_URL: publicUrl,
    });
    expect(await stop(running)).toBe(0);
    const created = runCli(['servers', 'create', 'Okta', '--json'], store.env);
    expect(created.stderr).toBe('');
    const body = JSON.parse(created.stdout) as { id: string; scimUrl: string };
    expect(body.scimUrl).toBe(`${publicUrl}/scim/v2/${body.id}`);
    const own = runCli(['servers', 'show', 'Okta', '--json'], { ...store.env, PUBLIC_URL: 'https://scim.example.com' });
    expect((JSON.parse(own.stdout) as { scimUrl: string }).scimUrl).toBe(`https://scim.example.com/scim/v2/${body.id}`);
  });
});
