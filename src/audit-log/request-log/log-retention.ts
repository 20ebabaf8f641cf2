import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Arbitrary constant: the advisory lock that lets one instance at a time purge. */
export const PURGE_LOCK = 7_243_312;
/** Most rows one DELETE removes: locks stay short however much has expired. */
export const PURGE_BATCH = 5_000;
const PURGE_EVERY_MS = 10 * 60 * 1000;
const FIRST_PURGE_MS = 30 * 1000;

/**
 * Enforces each server's `logRetentionDays`: every 10 minutes, entries older than that are deleted in
 * bounded batches, each in its own short transaction that first takes a transaction-scoped advisory
 * lock with pg_try_advisory_xact_lock — when several instances run, the one that gets it purges and
 * the others skip the round. The deletes are idempotent, so an interrupted purge is simply resumed
 * next time. Works the same on PGlite.
 */
@Injectable()
export class LogRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LogRetention');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.schedule(FIRST_PURGE_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One purge round over every server; returns how many entries went (0 when another instance holds the lock). */
  async purge(now = new Date()): Promise<number> {
    const servers: { id: string; days: number }[] = await this.dataSource.query(
      'SELECT id, log_retention_days AS days FROM identity_servers ORDER BY id',
    );
    let deleted = 0;
    for (const server of servers) {
      const before = new Date(now.getTime() - server.days * 24 * 3600 * 1000);
      for (;;) {
        const n = await this.purgeBatch(server.id, before);
        if (n === null) return deleted;
        deleted += n;
        if (n < PURGE_BATCH) break;
      }
    }
    return deleted;
  }

  /** Deletes one batch under the lock; null when another instance is purging. */
  private purgeBatch(serverId: string, before: Date): Promise<number | null> {
    return this.dataSource.transaction(async (em) => {
      const [{ locked }] = await em.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [PURGE_LOCK]);
      if (!locked) return null;
      const result: [unknown[], number] = await em.query(
        `DELETE FROM request_logs WHERE id IN (SELECT id FROM request_logs WHERE server_id = $1 AND created_at < $2 ORDER BY created_at LIMIT ${PURGE_BATCH})`,
        [serverId, before.toISOString()],
      );
      return result[1];
    });
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.running = this.purge().catch((error: Error) => {
        this.logger.warn(`request-log purge failed: ${error.message}`);
        return 0;
      });
      void this.running.finally(() => {
        if (this.timer !== undefined) this.schedule(PURGE_EVERY_MS);
      });
    }, delay);
    this.timer.unref();
  }
}
