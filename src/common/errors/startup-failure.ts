import { AppConfig } from '../../config/app-config';

type StartConfig = Pick<AppConfig, 'databaseUrl' | 'port' | 'host' | 'dbConnectTimeoutMs'>;

interface SystemOrDatabaseError {
  code?: unknown;
  syscall?: unknown;
  message?: unknown;
  severity?: unknown;
  errors?: unknown;
}

/** Where DATABASE_URL points, without its user's password (pg's defaults for what it leaves out). */
export function databaseLocation(databaseUrl: string): {
  host: string;
  port: string;
  database: string | undefined;
  user: string | undefined;
} {
  const url = new URL(databaseUrl);
  const host = decodeURIComponent(url.hostname) || url.searchParams.get('host') || 'localhost';
  const port = url.port || url.searchParams.get('port') || '5432';
  const user = decodeURIComponent(url.username) || undefined;
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || user;
  return { host, port, database, user };
}

/** The error itself or, for an AggregateError (one attempt per address of a name), its first attempt's. */
function firstCause(error: SystemOrDatabaseError): SystemOrDatabaseError {
  if (
    error.code === undefined &&
    Array.isArray(error.errors) &&
    typeof error.errors[0] === 'object' &&
    error.errors[0] !== null
  )
    return error.errors[0] as SystemOrDatabaseError;
  return error;
}

function listenFailure(code: string, config: StartConfig): string | undefined {
  const at = `${config.host}:${config.port}`;
  if (code === 'EADDRINUSE')
    return `PORT ${config.port} is already in use on ${at} by another process: stop it, or set PORT to a free port`;
  if (code === 'EACCES')
    return `PORT ${config.port}: this user may not listen on ${at} (ports below 1024 need privileges): set PORT to 1024 or above`;
  if (code === 'EADDRNOTAVAIL')
    return `HOST ${config.host} is no address of this machine: set HOST to one of its addresses, or 0.0.0.0 for all`;
  return undefined;
}

const SOCKET_PROBLEMS: Record<string, string> = {
  ECONNREFUSED: 'connection refused: is PostgreSQL running there, and are the host and port right?',
  ECONNRESET: 'the connection was reset: is that a PostgreSQL server, and does it accept this client?',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'no answer (timed out): is the host right, and does a firewall let the connection through?',
};

/** Refusals by PostgreSQL that mean DATABASE_URL (or the account it names) is wrong, by SQLSTATE. */
function databaseFailure(
  error: SystemOrDatabaseError,
  config: StartConfig & { databaseUrl: string },
): string | undefined {
  const { host, port, user, ...named } = databaseLocation(config.databaseUrl);
  const database = /database "(.+)" does not exist/.exec(String(error.message))?.[1] ?? named.database ?? 'postgres';
  const code = typeof error.code === 'string' ? error.code : undefined;
  const message = typeof error.message === 'string' ? error.message : '';
  const cannotConnect = `DATABASE_URL: cannot connect to PostgreSQL at ${host}:${port}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `DATABASE_URL: the host "${host}" is not found (DNS): correct the host name`;
  if (code !== undefined && SOCKET_PROBLEMS[code]) return `${cannotConnect} (${SOCKET_PROBLEMS[code]})`;
  if (/^Connection terminated due to connection timeout$|^timeout exceeded when trying to connect$/.test(message)) {
    return `${cannotConnect} (no answer within DB_CONNECT_TIMEOUT_MS, ${config.dbConnectTimeoutMs} ms): is the host right, and does a firewall let the connection through?`;
  }
  if (/SSL|certificate/i.test(message) && error.severity === undefined)
    return `DATABASE_URL: the TLS connection to ${host}:${port} failed (${message}): check sslmode in DATABASE_URL`;
  if (typeof error.severity !== 'string' || code === undefined) return undefined;
  if (code === '3D000') {
    return `DATABASE_URL: the database "${database}" does not exist on ${host}:${port}: create it (createdb -h ${host} -p ${port}${user ? ` -U ${user}` : ''} ${database}) or name an existing one`;
  }
  if (code === '28P01')
    return `DATABASE_URL: PostgreSQL at ${host}:${port} refused the password${user ? ` of user "${user}"` : ''}`;
  if (code.startsWith('28')) return `DATABASE_URL: PostgreSQL at ${host}:${port} refused the connection: ${message}`;
  if (code === '3F000' || code === '42501')
    return `DATABASE_URL: PostgreSQL at ${host}:${port} refused what scimd needs in database "${database}": ${message} (the user of DATABASE_URL needs to create tables in its DATABASE_SCHEMA)`;
  if (code === '53300' || code === '57P03' || code.startsWith('08'))
    return `DATABASE_URL: PostgreSQL at ${host}:${port} does not take connections right now: ${message}`;
  return undefined;
}

/**
 * Why the server (or the CLI) could not start, in one line that names the variable to fix; undefined
 * when the cause is not a known one of the configuration (then the stack trace is what helps).
 * Never holds DATABASE_URL's password.
 */
export function startupFailure(error: unknown, config: StartConfig): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const cause = firstCause(error as SystemOrDatabaseError);
  if (cause.syscall === 'listen' && typeof cause.code === 'string') return listenFailure(cause.code, config);
  return config.databaseUrl ? databaseFailure(cause, { ...config, databaseUrl: config.databaseUrl }) : undefined;
}
