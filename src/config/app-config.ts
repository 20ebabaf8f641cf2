/** The validated, typed configuration of one scimd process. Built once at start-up from the environment. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  /** PostgreSQL connection string; unset means the embedded database (PGlite) under `dataDir`. */
  databaseUrl: string | undefined;
  /** Where the embedded database lives; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** PostgreSQL schema scimd's tables live in (search_path); `public` unless set. */
  databaseSchema: string;
  port: number;
  host: string;
  /** Base of every URL the server hands out, without a trailing slash. */
  publicUrl: string;
  /** Fastify's `trustProxy`: false, true, a hop count or a list of addresses/CIDRs. */
  trustProxy: boolean | number | string[];
  /** Secret; masked in every dump of the configuration. */
  adminToken: string | undefined;
  logLevel: LogLevel;
  dbPoolSize: number;
  /** How long a request waits for a PostgreSQL connection (pool acquisition or connecting) before a 503. */
  dbConnectTimeoutMs: number;
  /** The longest a client may take to send a whole request, headers and body (408 and closed beyond). */
  requestTimeoutMs: number;
  /** After SIGTERM: how long requests are answered 503 + `Connection: close` before the listener closes. */
  shutdownDrainMs: number;
  /** After SIGTERM: the process exits by then, forced if closing has not finished. */
  shutdownGraceMs: number;
  bodyLimit: number;
  migrationsRun: boolean;
  /**
   * Secret: HMAC key for the tokens scimd signs (and the root of the keys sealing Digest credentials).
   * Unset: the key in `keyFile`, generated there at first start. Never stored in the database.
   */
  jwtSecret: string | undefined;
  /**
   * The signing key's file when JWT_SECRET is unset: KEY_FILE, or `<dataDir>/scimd.key`. Undefined with
   * JWT_SECRET, and when `dataDir` is `memory://` and KEY_FILE is unset (the key then lives in memory only: tests).
   */
  keyFile: string | undefined;
  /** KEY_ROTATE: accept a signing key other than the one the database's credentials were issued with. */
  keyRotate: boolean;
}

export const SECRET_KEYS: ReadonlyArray<keyof AppConfig> = ['adminToken', 'jwtSecret', 'databaseUrl'];

export const APP_CONFIG = Symbol('APP_CONFIG');
