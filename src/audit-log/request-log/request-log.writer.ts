import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RequestLogRepository } from '../request-log.repository';
import { CapturedRequest } from './captured-request';
import { isDatabaseUnavailable } from '../../common/errors/database-unavailable';
import { isUniqueViolation } from './unique-violation';
import { DEFAULT_QUEUE_LIMITS, LogQueue, QueueLimits } from './log-queue';
import { droppedRow, referencedIds, RequestLogRow, toLogRow } from './log-row';

export interface WriterOptions extends QueueLimits {
  /** Rows per INSERT; a queue this long is written at once. */
  batchSize: number;
  /** Bytes per INSERT (estimated as in the queue's budget): large bodies make smaller batches. */
  batchBytes: number;
  /** How long an entry waits at most before its batch is written. */
  flushIntervalMs: number;
  /** First and longest wait before a batch is tried again while the database is unreachable. */
  retryMinMs: number;
  retryMaxMs: number;
  /** How long shutdown keeps trying to write what is queued while the database is unreachable. */
  shutdownFlushMs: number;
}

export const WRITER_OPTIONS = Symbol('REQUEST_LOG_WRITER_OPTIONS');
export const DEFAULT_WRITER_OPTIONS: WriterOptions = {
  ...DEFAULT_QUEUE_LIMITS,
  batchSize: 500,
  batchBytes: 4 * 1024 * 1024,
  flushIntervalMs: 200,
  retryMinMs: 250,
  retryMaxMs: 5_000,
  shutdownFlushMs: 5_000,
};

export interface WriterStats {
  queued: number;
  queuedBytes: number;
  written: number;
  dropped: number;
  droppedNotYetRecorded: number;
  failedBatches: number;
  /** True while the database is unreachable and the writer keeps the batch to try it again. */
  waitingForDatabase: boolean;
}

/**
 * Writes request-log entries off the request path: the hooks hand over captured requests, which wait
 * in a bounded queue and are written in batches (one multi-row INSERT per `batchSize`, at the latest
 * `flushIntervalMs` after the first one arrived) and on graceful shutdown. Entries that do not fit,
 * or whose batch the database refuses, are counted per server and recorded as entries of their own
 * ("N log entries dropped") as soon as a write succeeds; the counts are also in `stats()`.
 */
@Injectable()
export class RequestLogWriter implements OnApplicationShutdown {
  private readonly logger = new Logger('RequestLog');
  private readonly options: WriterOptions;
  private readonly queue: LogQueue<CapturedRequest>;
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private written = 0;
  private failedBatches = 0;
  /** Whether the last write failed: a flush then stops instead of retrying forever. */
  private failedLast = false;
  /** Shutting down: the final flush writes what is left, no timer is set any more. */
  private closing = false;
  /** Until when shutdown keeps retrying an unreachable database. */
  private deadline = Infinity;
  private waiting = false;
  private retryDelay = 0;
  private wake: (() => void) | undefined;

  constructor(
    private readonly repository: RequestLogRepository,
    @Optional() @Inject(WRITER_OPTIONS) options?: Partial<WriterOptions>,
  ) {
    this.options = { ...DEFAULT_WRITER_OPTIONS, ...options };
    this.queue = new LogQueue(this.options);
  }

  /** Called from the response hook: O(1), no I/O. */
  record(entry: CapturedRequest, bytes: number): void {
    entry.id ??= randomUUID(); // the same id on every attempt: a retry never writes an entry twice
    this.queue.push(entry, bytes);
    if (this.queue.length >= this.options.batchSize || this.queue.byteSize >= this.options.batchBytes)
      void this.write();
    else this.schedule();
  }

  /** Writes everything queued so far (and the dropped counts); resolves when it is written. */
  async flush(): Promise<void> {
    while (this.draining || this.queue.length > 0 || this.queue.pendingDropped > 0) {
      await this.write();
      if (this.queue.length === 0 && this.failedLast) break;
    }
  }

  stats(): WriterStats {
    return {
      queued: this.queue.length,
      queuedBytes: this.queue.byteSize,
      written: this.written,
      dropped: this.queue.droppedTotal,
      droppedNotYetRecorded: this.queue.pendingDropped,
      failedBatches: this.failedBatches,
      waitingForDatabase: this.waiting,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.deadline = Date.now() + this.options.shutdownFlushMs;
    this.wake?.();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** A write in flushIntervalMs, unless one is under way or due (it schedules the next itself). */
  private schedule(): void {
    if (this.timer !== undefined || this.draining || this.closing) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, this.options.flushIntervalMs);
    this.timer.unref();
  }

  /** Starts a write unless one is under way; afterwards, what arrived meanwhile waits for the next interval. */
  private write(): Promise<void> {
    if (!this.draining) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
        if (this.queue.length > 0) this.schedule();
      });
    }
    return this.draining;
  }

  /**
   * Writes the entries queued when it starts, and any batch that fills meanwhile. Entries that arrive
   * during the write wait for the next interval: writing them at once would turn a steady stream of
   * requests into back-to-back statements of a few rows each, at several times the cost per row.
   * While the database is unreachable the batch is kept (within the queue's byte bound) and tried
   * again with a growing wait; on shutdown, until `shutdownFlushMs` has passed.
   */
  private async drain(): Promise<void> {
    let due = this.queue.length;
    while (due > 0 || this.queue.length >= this.options.batchSize || this.queue.byteSize >= this.options.batchBytes) {
      const batch = this.queue.takeBatch(this.options.batchSize, this.options.batchBytes);
      const unwritten = await this.writeBatch(batch);
      if (unwritten.length === 0) {
        due -= batch.length;
        this.waiting = false;
        this.retryDelay = 0;
        continue;
      }
      this.queue.putBack(unwritten);
      if (this.closing && Date.now() >= this.deadline) {
        const lost = this.queue.takeBatch(Infinity, Infinity);
        for (const { item } of lost) this.queue.countDropped(item.serverId, 1);
        this.logger.warn(`request log: database unreachable at shutdown; ${lost.length} entries not written`);
        return;
      }
      this.waiting = true;
      await this.backOff();
      due = this.queue.length;
    }
    await this.recordDropped();
  }

  /** Waits before the next attempt (retryMinMs, doubling up to retryMaxMs); shutdown cuts the wait short once. */
  private backOff(): Promise<void> {
    this.retryDelay = Math.min(
      this.options.retryMaxMs,
      this.retryDelay === 0 ? this.options.retryMinMs : this.retryDelay * 2,
    );
    const delay = this.closing ? Math.min(this.retryDelay, Math.max(0, this.deadline - Date.now())) : this.retryDelay;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, delay);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  /**
   * Writes a batch; returns the entries left unwritten because the database is unreachable. A batch
   * the database refuses is written again entry by entry: an entry still refused alone is dropped and
   * counted, the others are written — one bad entry never costs other entries (other servers') theirs.
   */
  private async writeBatch(
    batch: { item: CapturedRequest; bytes: number }[],
  ): Promise<{ item: CapturedRequest; bytes: number }[]> {
    const rows = await this.rowsOf(batch.map((b) => b.item));
    try {
      this.written += await this.repository.insert(rows);
      return [];
    } catch (error) {
      if (isDatabaseUnavailable(error)) return this.unreachable(error, batch);
      this.failedBatches += 1;
      this.logger.warn(
        `request log: a batch of ${rows.length} entries was refused (${(error as Error).message}); writing them one by one`,
      );
    }
    for (const [i, row] of rows.entries()) {
      try {
        this.written += await this.repository.insert([row]);
      } catch (error) {
        if (isDatabaseUnavailable(error)) return this.unreachable(error, batch.slice(i));
        if (isUniqueViolation(error))
          this.written += 1; // written by an attempt whose answer was lost
        else {
          this.queue.countDropped(row.serverId, 1);
          this.logger.warn(
            `request log: an entry of server ${row.serverId} was refused (${(error as Error).message}); counted as dropped`,
          );
        }
      }
    }
    return [];
  }

  private unreachable<T>(error: unknown, kept: T[]): T[] {
    if (!this.waiting)
      this.logger.warn(
        `request log: database unreachable (${(error as Error).message}); ${kept.length} entries kept, retrying`,
      );
    return kept;
  }

  /** The rows of a batch, with the names of the users and groups they refer to read in one query. */
  private async rowsOf(batch: CapturedRequest[]): Promise<RequestLogRow[]> {
    const refs = batch.flatMap((entry) => safeReferences(entry).map((id) => ({ serverId: entry.serverId, id })));
    let names: Map<string, string> | undefined;
    try {
      names = await this.repository.names(refs);
    } catch (error) {
      this.logger.warn(`request log: names of resources not read (${(error as Error).message}); actions show ids`);
    }
    return batch.map((entry) => rowOf(entry, names));
  }

  private async recordDropped(): Promise<void> {
    if (this.queue.pendingDropped === 0) return;
    const counts = this.queue.takeDropped();
    try {
      this.written += await this.repository.insert([...counts].map(([serverId, n]) => droppedRow(serverId, n)));
      this.failedLast = false;
    } catch (error) {
      this.failedLast = true;
      this.queue.restoreDropped(counts);
      this.logger.warn(
        `request log: could not record ${[...counts.values()].reduce((a, b) => a + b, 0)} dropped entries (${(error as Error).message})`,
      );
    }
  }
}

/** A capture that cannot be turned into a row (it should not happen) still leaves a trace. */
function rowOf(entry: CapturedRequest, names: ReadonlyMap<string, string> | undefined): RequestLogRow {
  try {
    return toLogRow(entry, names);
  } catch (error) {
    return {
      ...toLogRow({ ...entry, body: undefined, payload: undefined }),
      action: `unrecordable request (${(error as Error).message})`,
    };
  }
}

function safeReferences(entry: CapturedRequest): string[] {
  try {
    return referencedIds(entry);
  } catch {
    return [];
  }
}
