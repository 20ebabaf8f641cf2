import { DynamicModule, Global, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Database } from './database';

/** Opens the database (PGlite or PostgreSQL), applies migrations when asked, and closes it last. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(private readonly database: Database) {}

  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: Database, inject: [APP_CONFIG], useFactory: openAndMigrate },
        { provide: DataSource, inject: [Database], useFactory: (db: Database) => db.dataSource },
      ],
      exports: [Database, DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
    this.logger.log('database closed');
  }
}

async function openAndMigrate(config: AppConfig): Promise<Database> {
  const logger = new Logger('Database');
  const db = await Database.open(config);
  logger.log(db.engine === 'pglite' ? `embedded PostgreSQL (PGlite) at ${config.dataDir}` : 'PostgreSQL');
  if (config.migrationsRun) {
    const applied = await db.migrate();
    if (applied.length > 0) logger.log(`applied migrations: ${applied.join(', ')}`);
  }
  return db;
}
