import { spawnSync } from 'node:child_process';
import { freePort, processStore, ROOT } from '../support/process';
import { TestApp } from '../support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The built CLI (or SCIMD_CLI: another build, to check a test against the code before a fix), to completion. */
function cli(
  args: string[],
  env: Record<string, string | undefined>,
): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [process.env.SCIMD_CLI ?? 'dist/cli.js', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/**
 * `servers create` with every option of the admin API, and `servers update`, as an operator runs
 * them: CLI processes on a data directory on disk (or a PostgreSQL schema), no server running. Their
 * refusals are the admin API's own, word for word (the same DTO and validation pipe).
 */
describe('the CLI creates and changes identity servers', () => {
  // Each CLI process opens the database afresh: seconds each, more on a busy machine.
  jest.setTimeout(300_000);
  const store = processStore('cli-servers');
  const env = store.env;
  let api: TestApp;
  const json = (args: string[]): Record<string, unknown> => {
    const res = cli([...args, '--json'], env);
    if (res.status !== 0) throw new Error(`${args.join(' ')}: ${res.status} ${res.stderr}`);
    return JSON.parse(res.stdout) as Record<string, unknown>;
  };

  beforeAll(async () => {
    api = await TestApp.start();
  });
  afterAll(async () => {
    await api.close();
    await store.remove();
  });

  it('creates a server with the options of POST /admin/servers', () => {
    const created = cli(
      [
        'servers',
        'create',
        'Okta',
        '--method',
        'oauth2',
        '--redirect-uri',
        'https://okta.example/cb',
        '--redirect-uri',
        'https://okta.example/cb2',
        '--access-token-ttl',
        '7200',
        '--secret-days',
        '90',
      ].concat([
        '--retention',
        '14',
        '--strict',
        '--patch-status',
        '204',
        '--member-display',
        'as-sent',
        '--allow',
        '192.0.2.0/24',
        '--rate',
        '30',
        '--log-requests',
        '--default',
        '--json',
      ]),
      env,
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(JSON.parse(created.stdout)).toEqual({
      id: expect.stringMatching(UUID),
      name: 'Okta',
      isDefault: true,
      active: true,
      logRequests: true,
      logRetentionDays: 14,
      security: {
        method: 'oauth2',
        redirectUris: ['https://okta.example/cb', 'https://okta.example/cb2'],
        accessTokenTtlSeconds: 7200,
        secretLifetimeDays: 90,
      },
      scim: { patchStatus: 204, strict: true, unknownMembers: 'reject', memberDisplay: 'as-sent' },
      access: { allowlist: ['192.0.2.0/24'], rateLimit: { requestsPerSecond: 30, burst: 100 } },
      scimUrl: expect.stringMatching(/^http:\/\/localhost:3000\/scim\/v2\/[0-9a-f-]{36}$/),
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
      credentials: {
        id: expect.stringMatching(UUID),
        clientId: expect.stringMatching(UUID),
        clientSecret: expect.any(String),
        tokenUrl: expect.stringMatching(/\/oauth\/[0-9a-f-]{36}\/token$/),
        authorizationUrl: expect.stringMatching(/\/oauth\/[0-9a-f-]{36}\/authorize$/),
        expiresAt: expect.stringMatching(ISO),
      },
    });

    const basic = cli(
      [
        'servers',
        'create',
        'Legacy',
        '--method',
        'basic',
        '--username',
        'legacy',
        '--password',
        'a chosen password 1',
        '--inactive',
      ],
      env,
    );
    expect(basic.status).toBe(0);
    expect(basic.stdout).toMatch(
      /\n {2}Username: {15}legacy\n {2}Password: {15}a chosen password 1\n {2}\(credential [0-9a-f-]{36}; the password is shown only now\)\n$/,
    );
    expect(json(['servers', 'show', 'Legacy'])).toMatchObject({
      active: false,
      security: { method: 'basic', username: 'legacy' },
    });
  });

  it('changes only what the options name, and says so in the resulting server', () => {
    const before = json(['servers', 'show', 'Okta']);
    const updated = cli(
      [
        'servers',
        'update',
        'okta',
        '--name',
        'Okta EU',
        '--inactive',
        '--no-default',
        '--no-log-requests',
        '--retention',
        '7',
        '--no-strict',
        '--patch-status',
        '200',
        '--rate',
        '10',
      ],
      env,
    );
    expect(updated.stderr).toBe('');
    expect(updated.status).toBe(0);
    expect(updated.stdout).toMatch(
      /^id {16}[0-9a-f-]{36}\nname {14}Okta EU\nisDefault {9}false\nactive {12}false\nlogRequests {7}false\nlogRetentionDays {2}7\n/,
    );
    expect(updated.stdout).not.toContain('credentials');

    const after = json(['servers', 'show', 'Okta EU']);
    expect(after).toEqual({
      ...before,
      name: 'Okta EU',
      isDefault: false,
      active: false,
      logRequests: false,
      logRetentionDays: 7,
      scim: { patchStatus: 200, strict: false, unknownMembers: 'reject', memberDisplay: 'as-sent' },
      access: { allowlist: ['192.0.2.0/24'], rateLimit: { requestsPerSecond: 10, burst: 100 } },
      updatedAt: expect.stringMatching(ISO),
    });

    // The other security settings stay; the credentials too.
    cli(['servers', 'update', 'Okta EU', '--redirect-uri', 'https://okta.example/new', '--allow-all', '--active'], env);
    expect(json(['servers', 'show', 'Okta EU'])).toMatchObject({
      active: true,
      security: {
        method: 'oauth2',
        redirectUris: ['https://okta.example/new'],
        accessTokenTtlSeconds: 7200,
        secretLifetimeDays: 90,
      },
      access: { allowlist: [], rateLimit: { requestsPerSecond: 10, burst: 100 } },
      credentials: [expect.objectContaining({ revokedAt: null })],
    });
  });

  it('a new method revokes the credentials and prints the new one; a new password keeps the username', () => {
    const changed = cli(['servers', 'update', 'Okta EU', '--method', 'bearer', '--token-days', '30'], env);
    expect(changed.status).toBe(0);
    expect(changed.stdout).toMatch(
      /\nThe previous credentials of the server are revoked; its new one:\n\nPaste into the IdP:\n {2}SCIM URL \(Tenant URL\): {2}http:\/\/localhost:3000\/scim\/v2\/[0-9a-f-]{36}\n {2}Secret token: {11}ey[\w-]+\.[\w-]+\.[\w-]+\n/,
    );
    const shown = json(['servers', 'show', 'Okta EU']) as {
      security: unknown;
      credentials: { method: string; revokedAt: string | null }[];
    };
    expect(shown.security).toEqual({ method: 'bearer', tokenLifetimeDays: 30 });
    expect(shown.credentials.map((c) => `${c.method} ${c.revokedAt === null ? 'active' : 'revoked'}`).sort()).toEqual([
      'bearer active',
      'oauth2 revoked',
    ]);

    const password = json(['servers', 'update', 'Legacy', '--password', 'another password 2']) as {
      security: unknown;
      credentials: { username: string; password: string };
    };
    expect(password.security).toEqual({ method: 'basic', username: 'legacy' });
    expect(password.credentials).toMatchObject({ username: 'legacy', password: 'another password 2' });
  });

  it('refuses what PATCH /admin/servers/:id refuses, word for word, and changes nothing', async () => {
    const cases: [string[], Record<string, unknown>, string][] = [
      [['--retention', '0'], { logRetentionDays: 0 }, 'logRetentionDays must not be less than 1'],
      [['--patch-status', '201'], { scim: { patchStatus: 201 } }, 'scim.patchStatus must be 200 or 204'],
      [
        ['--allow', 'nonsense'],
        { access: { allowlist: ['nonsense'] } },
        'access.allowlist must hold IPv4 or IPv6 addresses or CIDRs (such as 192.0.2.0/24); "nonsense" is not one',
      ],
      [
        ['--method', 'basic', '--password', 'short'],
        { security: { method: 'basic', password: 'short' } },
        'security.password must be 12 to 200 characters',
      ],
      [
        ['--method', 'oauth2', '--access-token-ttl', '60'],
        { security: { method: 'oauth2', accessTokenTtlSeconds: 60 } },
        'security.accessTokenTtlSeconds must not be less than 3600',
      ],
      [
        ['--method', 'oauth2', '--redirect-uri', 'not a url'],
        { security: { method: 'oauth2', redirectUris: ['not a url'] } },
        'security.redirectUris must each be an http(s) URL',
      ],
      [
        ['--password', 'long enough password'],
        { security: { method: 'bearer', password: 'long enough password' } },
        'security.username and security.password apply to the basic and digest methods, not to "bearer"',
      ],
    ];
    const before = cli(['servers', 'show', 'Okta EU', '--json'], env).stdout;
    for (const [args, body, message] of cases) {
      const server = await api.admin('POST', '/servers', { name: `api-${Date.now()}-${Math.random()}` });
      const viaApi = await api.admin('PATCH', `/servers/${server.body.id}`, body);
      expect([args, viaApi.status, viaApi.body.message]).toEqual([args, 400, message]);
      expect([args, cli(['servers', 'update', 'Okta EU', ...args], env)]).toEqual([
        args,
        { status: 1, stdout: '', stderr: `error: ${message}\n` },
      ]);
    }
    expect(cli(['servers', 'show', 'Okta EU', '--json'], env).stdout).toBe(before);
  });

  it('refuses an update without a change, contradicting options, and an unknown server', () => {
    expect(cli(['servers', 'update', 'Okta EU'], env)).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'error: servers update <server> needs at least one change: --name, --active/--inactive, --default/--no-default, --log-requests/--no-log-requests, --retention DAYS, ' +
        '--strict/--no-strict, --patch-status 200|204, --unknown-members, --member-display, --allow CIDR/--allow-all, --rate N, --burst N, ' +
        '--method, --username, --password, --token-days, --redirect-uri, --access-token-ttl, --secret-days\n',
    });
    expect(cli(['servers', 'update', 'Okta EU', '--active', '--inactive'], env).stderr).toBe(
      'error: --active and --inactive contradict each other\n',
    );
    expect(cli(['servers', 'update', 'Okta EU', '--allow', '10.0.0.1', '--allow-all'], env).stderr).toBe(
      'error: --allow and --allow-all contradict each other\n',
    );
    expect(cli(['servers', 'update', 'Nobody', '--strict'], env)).toEqual({
      status: 1,
      stdout: '',
      stderr: 'error: no identity server named "Nobody"\n',
    });
  });

  it('says in one line that DATABASE_URL does not work, without its password', async () => {
    const port = await freePort();
    expect(cli(['servers', 'list'], { DATABASE_URL: `postgres://scimd:s3cret@127.0.0.1:${port}/scimd` })).toEqual({
      status: 1,
      stdout: '',
      stderr: `error: DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:${port} (connection refused: is PostgreSQL running there, and are the host and port right?)\n`,
    });
  });
});
