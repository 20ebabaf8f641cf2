import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Database } from '../database/database';

/** Ready when the database answers and no migration is pending. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly database: Database,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      await this.database.dataSource.query('SELECT 1');
      const pending = await this.database.pendingMigrations();
      if (pending.length > 0) return indicator.down({ engine: this.database.engine, pendingMigrations: pending });
      return indicator.up({ engine: this.database.engine });
    } catch {
      return indicator.down({ engine: this.database.engine, message: 'database unreachable' });
    }
  }
}
