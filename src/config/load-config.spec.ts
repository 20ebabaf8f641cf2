import { isAbsolute, resolve } from 'node:path';
import { ConfigError, loadConfig } from './load-config';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('loadConfig did not throw');
}

describe('loadConfig', () => {
  it('applies the defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      databaseUrl: undefined,
      dataDir: resolve('./data'),
      databaseSchema: 'public',
      port: 3000,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:3000',
      trustProxy: false,
      adminToken: undefined,
      logLevel: 'info',
      dbPoolSize: 10,
      dbConnectTimeoutMs: 5000,
      requestTimeoutMs: 30000,
      shutdownDrainMs: 1000,
      shutdownGraceMs: 10000,
      bodyLimit: 1048576,
      migrationsRun: true,
      jwtSecret: undefined,
      keyFile: resolve('./data/scimd.key'),
      keyRotate: false,
    });
    expect(isAbsolute(config.dataDir)).toBe(true);
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('treats empty and blank strings as unset', () => {
    const names = [
      'PORT',
      'HOST',
      'PUBLIC_URL',
      'DATA_DIR',
      'DATABASE_URL',
      'DATABASE_SCHEMA',
      'TRUST_PROXY',
      'ADMIN_TOKEN',
      'LOG_LEVEL',
      'DB_POOL_SIZE',
      'BODY_LIMIT',
      'MIGRATIONS_RUN',
      'JWT_SECRET',
      'DB_CONNECT_TIMEOUT_MS',
      'REQUEST_TIMEOUT_MS',
      'SHUTDOWN_DRAIN_MS',
      'SHUTDOWN_GRACE_MS',
      'KEY_FILE',
      'KEY_ROTATE',
    ];
    const empty = Object.fromEntries(names.map((n, i) => [n, i % 2 === 0 ? '' : '   ']));
    expect(loadConfig(empty)).toEqual(loadConfig({}));
  });

  it('reads every variable when set', () => {
    expect(
      loadConfig({
        PORT: '8080',
        HOST: '127.0.0.1',
        PUBLIC_URL: 'https://scim.example.com',
        DATA_DIR: '/var/lib/scimd',
        DATABASE_URL: 'postgres://u:p@db:5432/scimd',
        DATABASE_SCHEMA: 'scim_2',
        TRUST_PROXY: '1',
        ADMIN_TOKEN: 'a'.repeat(16),
        LOG_LEVEL: 'DEBUG',
        DB_POOL_SIZE: '500',
        DB_CONNECT_TIMEOUT_MS: '2000',
        REQUEST_TIMEOUT_MS: '15000',
        SHUTDOWN_DRAIN_MS: '0',
        SHUTDOWN_GRACE_MS: '25000',
        BODY_LIMIT: '1024',
        MIGRATIONS_RUN: 'off',
        JWT_SECRET: 'j'.repeat(32),
        KEY_ROTATE: 'yes',
      }),
    ).toEqual({
      databaseUrl: 'postgres://u:p@db:5432/scimd',
      dataDir: '/var/lib/scimd',
      databaseSchema: 'scim_2',
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'https://scim.example.com',
      trustProxy: 1,
      adminToken: 'a'.repeat(16),
      logLevel: 'debug',
      dbPoolSize: 500,
      dbConnectTimeoutMs: 2000,
      requestTimeoutMs: 15000,
      shutdownDrainMs: 0,
      shutdownGraceMs: 25000,
      bodyLimit: 1024,
      migrationsRun: false,
      jwtSecret: 'j'.repeat(32),
      keyFile: undefined,
      keyRotate: true,
    });
  });

  describe('KEY_FILE', () => {
    it('defaults to scimd.key in DATA_DIR, resolved to an absolute path', () => {
      expect(loadConfig({ DATA_DIR: 'var/db' }).keyFile).toBe(resolve('var/db/scimd.key'));
    });

    it('is resolved against the working directory when relative', () => {
      expect(loadConfig({ KEY_FILE: 'secrets/scimd.key' }).keyFile).toBe(resolve('secrets/scimd.key'));
      expect(loadConfig({ KEY_FILE: '/run/secrets/scimd-key', DATA_DIR: 'memory://' }).keyFile).toBe(
        '/run/secrets/scimd-key',
      );
    });

    it('is none with DATA_DIR=memory:// (the key lives in memory) and with JWT_SECRET (no file is read or written)', () => {
      expect(loadConfig({ DATA_DIR: 'memory://' }).keyFile).toBeUndefined();
      expect(loadConfig({ JWT_SECRET: 'j'.repeat(32) }).keyFile).toBeUndefined();
    });

    it('is refused together with JWT_SECRET', () => {
      expect(problemsOf({ KEY_FILE: '/run/secrets/scimd-key', JWT_SECRET: 'j'.repeat(32) })).toEqual([
        'KEY_FILE and JWT_SECRET are both set: the signing key comes from one of them, so set only one',
      ]);
    });
  });

  it.each([
    ['https://scim.example.com/', 'https://scim.example.com'],
    ['https://scim.example.com///', 'https://scim.example.com'],
    ['http://host:8443/base/', 'http://host:8443/base'],
  ])('strips trailing slashes from PUBLIC_URL %s', (value, expected) => {
    expect(loadConfig({ PUBLIC_URL: value }).publicUrl).toBe(expected);
  });

  it('derives the default publicUrl from PORT', () => {
    expect(loadConfig({ PORT: '8081' })).toMatchObject({ port: 8081, publicUrl: 'http://localhost:8081' });
  });

  it.each(['memory://', 'memory://tests'])('keeps DATA_DIR %s as is', (value) => {
    expect(loadConfig({ DATA_DIR: value }).dataDir).toBe(value);
  });

  it('resolves a relative DATA_DIR against the working directory', () => {
    expect(loadConfig({ DATA_DIR: 'var/db' }).dataDir).toBe(resolve('var/db'));
  });

  it.each([
    ['true', true],
    ['YES', true],
    ['on', true],
    ['false', false],
    ['0', false],
    ['Off', false],
    ['2', 2],
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
    ['::1,fd00::/8,', ['::1', 'fd00::/8']],
  ])('reads TRUST_PROXY=%j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each([
    ['PORT', 'abc', 'PORT="abc" must be a whole number from 0 to 65535'],
    ['PORT', '65536', 'PORT="65536" must be a whole number from 0 to 65535'],
    ['PORT', '-1', 'PORT="-1" must be a whole number from 0 to 65535'],
    ['DB_POOL_SIZE', '0', 'DB_POOL_SIZE="0" must be a whole number from 1 to 500'],
    ['DB_CONNECT_TIMEOUT_MS', '10', 'DB_CONNECT_TIMEOUT_MS="10" must be a whole number from 100 to 600000'],
    ['REQUEST_TIMEOUT_MS', '0', 'REQUEST_TIMEOUT_MS="0" must be a whole number from 100 to 3600000'],
    ['SHUTDOWN_GRACE_MS', '1s', 'SHUTDOWN_GRACE_MS="1s" must be a whole number from 100 to 3600000'],
    ['SHUTDOWN_DRAIN_MS', '10000', 'SHUTDOWN_DRAIN_MS (10000) must be shorter than SHUTDOWN_GRACE_MS (10000)'],
    ['BODY_LIMIT', '1', 'BODY_LIMIT="1" must be a whole number from 1024 to 1073741824'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL must be a URL starting with postgres:// or postgresql://'],
    ['DATABASE_URL', 'not a url', 'DATABASE_URL must be a URL starting with postgres:// or postgresql://'],
    ['DATABASE_URL', 'postgres:foo', 'DATABASE_URL must be a URL starting with postgres:// or postgresql://'],
    ['DATABASE_URL', 'postgresql:/db', 'DATABASE_URL must be a URL starting with postgres:// or postgresql://'],
    ['PUBLIC_URL', 'https:scim.example.com', 'PUBLIC_URL must be a URL starting with http:// or https://'],
    ['PUBLIC_URL', 'ftp://x', 'PUBLIC_URL must be a URL starting with http:// or https://'],
    ['ADMIN_TOKEN', 'short', 'ADMIN_TOKEN must be at least 16 characters long'],
    ['JWT_SECRET', 'j'.repeat(31), 'JWT_SECRET must be at least 32 characters long'],
    ['MIGRATIONS_RUN', 'Maybe', 'MIGRATIONS_RUN="maybe" must be true or false'],
    ['KEY_ROTATE', 'once', 'KEY_ROTATE="once" must be true or false'],
    [
      'DATABASE_SCHEMA',
      'Bad-Name',
      'DATABASE_SCHEMA must be a lower-case PostgreSQL identifier (letters, digits, underscores)',
    ],
    [
      'DATABASE_SCHEMA',
      '1abc',
      'DATABASE_SCHEMA must be a lower-case PostgreSQL identifier (letters, digits, underscores)',
    ],
    [
      'TRUST_PROXY',
      'not an ip',
      'TRUST_PROXY must be true, false, a hop count or a comma-separated list of addresses/CIDRs (bad: not an ip)',
    ],
    [
      'TRUST_PROXY',
      'cafe, 10.0.0.0/99, ::1/129, 10.0.0.0/8',
      'TRUST_PROXY must be true, false, a hop count or a comma-separated list of addresses/CIDRs (bad: cafe, 10.0.0.0/99, ::1/129)',
    ],
  ])('rejects %s=%j', (name, value, message) => {
    expect(problemsOf({ [name]: value })).toEqual([message]);
  });

  it('reports every bad variable at once in one ConfigError', () => {
    const env = {
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x',
      ADMIN_TOKEN: 'short',
      JWT_SECRET: 'too-short-secret',
      BODY_LIMIT: '1',
      MIGRATIONS_RUN: 'maybe',
      DATABASE_SCHEMA: 'Bad-Name',
      TRUST_PROXY: '10.0.0.1, not an ip, x',
    };
    let error: ConfigError | undefined;
    try {
      loadConfig(env);
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = [
      'PORT="abc" must be a whole number from 0 to 65535',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      'DATABASE_URL must be a URL starting with postgres:// or postgresql://',
      'DATABASE_SCHEMA must be a lower-case PostgreSQL identifier (letters, digits, underscores)',
      'TRUST_PROXY must be true, false, a hop count or a comma-separated list of addresses/CIDRs (bad: not an ip, x)',
      'ADMIN_TOKEN must be at least 16 characters long',
      'BODY_LIMIT="1" must be a whole number from 1024 to 1073741824',
      'MIGRATIONS_RUN="maybe" must be true or false',
      'JWT_SECRET must be at least 32 characters long',
    ];
    expect(error!.problems).toEqual(problems);
    expect(error!.message).toBe(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  });

  it('says a single problem in one line', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres:foo' })).toThrow(
      new ConfigError(['DATABASE_URL must be a URL starting with postgres:// or postgresql://']),
    );
    expect(new ConfigError(['PORT="x" must be a whole number from 0 to 65535']).message).toBe(
      'Invalid configuration: PORT="x" must be a whole number from 0 to 65535',
    );
  });

  it.each(['postgres://u:p@db:5432/scimd', 'POSTGRES://db/scimd', 'postgresql:///scimd?host=/var/run/postgresql'])(
    'accepts DATABASE_URL=%j',
    (url) => {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    },
  );
});
