import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { AppConfig, LogLevel } from './app-config';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
type Env = Record<string, string | undefined>;

/** Thrown with one line per bad variable, so an operator can fix them all in one go (one line for one). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid configuration: ${problems[0]}`
        : `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      this.problems.push(`${name}="${value}" must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(value)) return true;
    if (['false', '0', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name}="${value}" must be true or false`);
    return fallback;
  }

  /** A URL with one of `protocols` and `//` after it: `postgres:foo` parses, but pg reads no host from it. */
  url(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol) || !value.toLowerCase().startsWith(`${url.protocol}//`)) throw new Error();
      return value;
    } catch {
      this.problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return undefined;
    }
  }

  secret(name: string, minLength: number): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && value.length < minLength) {
      this.problems.push(`${name} must be at least ${minLength} characters long`);
      return undefined;
    }
    return value;
  }
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function trustProxy(r: Reader): AppConfig['trustProxy'] {
  const value = r.raw('TRUST_PROXY');
  if (value === undefined || ['false', '0', 'no', 'off'].includes(value.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length > 0) {
    r.problems.push(
      `TRUST_PROXY must be true, false, a hop count or a comma-separated list of addresses/CIDRs (bad: ${bad.join(', ')})`,
    );
    return false;
  }
  return entries;
}

function dataDir(value: string): string {
  return value.startsWith('memory://') ? value : resolve(value);
}

/** KEY_FILE, or the default beside the embedded database; none with JWT_SECRET (the key), nor when the data lives in memory. */
function keyFile(r: Reader, dir: string, jwtSecret: string | undefined): string | undefined {
  const value = r.raw('KEY_FILE');
  if (value !== undefined && jwtSecret !== undefined) {
    r.problems.push('KEY_FILE and JWT_SECRET are both set: the signing key comes from one of them, so set only one');
  }
  if (jwtSecret !== undefined) return undefined;
  if (value !== undefined) return resolve(value);
  return dir.startsWith('memory://') ? undefined : join(dir, 'scimd.key');
}

function schema(r: Reader): string {
  const value = r.raw('DATABASE_SCHEMA') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) {
    r.problems.push('DATABASE_SCHEMA must be a lower-case PostgreSQL identifier (letters, digits, underscores)');
    return 'public';
  }
  return value;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const r = new Reader(env);
  const port = r.int('PORT', 3000, 0, 65535);
  const logLevel = (r.raw('LOG_LEVEL')?.toLowerCase() ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) r.problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const publicUrl = r.url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const config: AppConfig = {
    databaseUrl: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: dataDir(r.raw('DATA_DIR') ?? './data'),
    databaseSchema: schema(r),
    port,
    host: r.raw('HOST') ?? '0.0.0.0',
    publicUrl: publicUrl.replace(/\/+$/, ''),
    trustProxy: trustProxy(r),
    adminToken: r.secret('ADMIN_TOKEN', 16),
    logLevel,
    dbPoolSize: r.int('DB_POOL_SIZE', 10, 1, 500),
    dbConnectTimeoutMs: r.int('DB_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
    requestTimeoutMs: r.int('REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    shutdownDrainMs: r.int('SHUTDOWN_DRAIN_MS', 1_000, 0, 600_000),
    shutdownGraceMs: r.int('SHUTDOWN_GRACE_MS', 10_000, 100, 3_600_000),
    bodyLimit: r.int('BODY_LIMIT', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    migrationsRun: r.bool('MIGRATIONS_RUN', true),
    jwtSecret: r.secret('JWT_SECRET', 32),
    keyFile: undefined,
    keyRotate: r.bool('KEY_ROTATE', false),
  };
  config.keyFile = keyFile(r, config.dataDir, config.jwtSecret);
  if (config.shutdownDrainMs >= config.shutdownGraceMs) {
    r.problems.push(
      `SHUTDOWN_DRAIN_MS (${config.shutdownDrainMs}) must be shorter than SHUTDOWN_GRACE_MS (${config.shutdownGraceMs})`,
    );
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}
