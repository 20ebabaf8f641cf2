import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';

/** Compiled migrations sit in dist/migrations; under ts-jest the TypeScript sources are loaded. */
export function migrationsGlob(): string {
  const compiled = __filename.endsWith('.js');
  return compiled ? join(__dirname, '..', 'migrations', '*.js') : join(__dirname, '..', '..', 'migrations', '*.ts');
}

type DbConfig = Pick<AppConfig, 'databaseUrl' | 'databaseSchema' | 'dbPoolSize'> &
  Partial<Pick<AppConfig, 'dbConnectTimeoutMs'>>;

/** scimd's sessions in `pg_stat_activity`, unless DATABASE_URL names another `application_name`. */
export const APPLICATION_NAME = 'scimd';

/**
 * The one definition of scimd's DataSource, used by the app, the CLI and the tests. `embeddedPool`
 * carries PGlite's connection when no DATABASE_URL is configured. Never `synchronize`.
 */
export function dataSourceOptions(config: DbConfig, embeddedPool?: Record<string, unknown>): DataSourceOptions {
  // A connection is waited for at most dbConnectTimeoutMs (then the request is a 503, not a hang);
  // TCP keep-alive notices a peer that vanished without closing the connection.
  const pool = embeddedPool ?? {
    max: config.dbPoolSize,
    options: `-c search_path=${config.databaseSchema}`,
    connectionTimeoutMillis: config.dbConnectTimeoutMs ?? 5_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: APPLICATION_NAME,
  };
  return {
    type: 'postgres',
    url: embeddedPool ? undefined : config.databaseUrl,
    schema: embeddedPool ? undefined : config.databaseSchema,
    entities: ENTITIES,
    migrations: [migrationsGlob()],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: pool,
  };
}
