import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Database } from '../database/database';

/**
 * How long readiness waits for the database: a probe must be answered promptly (503), not after the
 * pool's connection timeout while the database is away or every connection is stuck.
 */
export const READINESS_TIMEOUT_MS = 1_500;

/** Ready when the database answers (within READINESS_TIMEOUT_MS) and no migration is pending. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly database: Database,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const pending = await withinTime(this.pending(), READINESS_TIMEOUT_MS);
      if (pending === undefined)
        return indicator.down({
          engine: this.database.engine,
          message: `database did not answer within ${READINESS_TIMEOUT_MS} ms`,
        });
      if (pending.length > 0) return indicator.down({ engine: this.database.engine, pendingMigrations: pending });
      return indicator.up({ engine: this.database.engine });
    } catch {
      return indicator.down({ engine: this.database.engine, message: 'database unreachable' });
    }
  }

  private async pending(): Promise<string[]> {
    await this.database.dataSource.query('SELECT 1');
    return this.database.pendingMigrations();
  }
}

/** The promise's value, or undefined when it takes longer than `ms` (it is left to settle on its own). */
function withinTime<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  promise.catch(() => undefined); // a late failure is not an unhandled rejection
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
