import { DataSource, MigrationExecutor } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedDatabase, openEmbeddedDatabase } from './embedded';

/** Arbitrary constant: the advisory lock that lets one instance at a time run migrations. */
const MIGRATION_LOCK = 7_243_311;

type DbConfig = Pick<AppConfig, 'databaseUrl' | 'databaseSchema' | 'dbPoolSize' | 'dataDir'>;

/** The DataSource and, in embedded mode, the PGlite instance it runs on (which TypeORM does not close). */
export class Database {
  private constructor(
    readonly dataSource: DataSource,
    private readonly embedded: EmbeddedDatabase | undefined,
  ) {}

  get engine(): 'pglite' | 'postgres' {
    return this.embedded ? 'pglite' : 'postgres';
  }

  static async open(config: DbConfig): Promise<Database> {
    const embedded = config.databaseUrl ? undefined : openEmbeddedDatabase(config.dataDir);
    const dataSource = new DataSource(dataSourceOptions(config, embedded?.poolOptions));
    try {
      if (!embedded) await ensureSchema(config);
      await dataSource.initialize();
    } catch (error) {
      await embedded?.pglite.close().catch(() => undefined);
      throw error;
    }
    return new Database(dataSource, embedded);
  }

  /** Applies pending migrations, one instance at a time (a PostgreSQL advisory lock). */
  async migrate(): Promise<string[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      if (this.dataSource.migrations.length === 0) {
        throw new Error('No migrations found next to the build (dist/migrations): run `npm run build` first');
      }
      const executor = new MigrationExecutor(this.dataSource, runner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }

  async revertLast(): Promise<void> {
    await this.dataSource.undoLastMigration({ transaction: 'each' });
  }

  /** Names of migrations not yet applied (readiness fails while any remain). */
  async pendingMigrations(): Promise<string[]> {
    const executor = new MigrationExecutor(this.dataSource);
    const pending = await executor.getPendingMigrations();
    return pending.map((m) => m.name);
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.pglite.close();
  }
}

/** scimd's schema must exist before the search_path can point at it. */
async function ensureSchema(config: DbConfig): Promise<void> {
  if (config.databaseSchema === 'public') return;
  const bootstrap = new DataSource({ type: 'postgres', url: config.databaseUrl, extra: { max: 1 } });
  await bootstrap.initialize();
  try {
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${config.databaseSchema}"`);
  } finally {
    await bootstrap.destroy();
  }
}
