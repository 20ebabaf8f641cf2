import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { RequestLogRepository } from '../request-log.repository';
import { CapturedRequest } from './captured-request';
import { DEFAULT_QUEUE_LIMITS, LogQueue, QueueLimits } from './log-queue';
import { droppedRow, referencedIds, RequestLogRow, toLogRow } from './log-row';

export interface WriterOptions extends QueueLimits {
  /** Rows per INSERT; a queue this long is written at once. */
  batchSize: number;
  /** How long an entry waits at most before its batch is written. */
  flushIntervalMs: number;
}

export const WRITER_OPTIONS = Symbol('REQUEST_LOG_WRITER_OPTIONS');
export const DEFAULT_WRITER_OPTIONS: WriterOptions = { ...DEFAULT_QUEUE_LIMITS, batchSize: 500, flushIntervalMs: 200 };

export interface WriterStats {
  queued: number;
  queuedBytes: number;
  written: number;
  dropped: number;
  droppedNotYetRecorded: number;
  failedBatches: number;
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

  constructor(
    private readonly repository: RequestLogRepository,
    @Optional() @Inject(WRITER_OPTIONS) options?: Partial<WriterOptions>,
  ) {
    this.options = { ...DEFAULT_WRITER_OPTIONS, ...options };
    this.queue = new LogQueue(this.options);
  }

  /** Called from the response hook: O(1), no I/O. */
  record(entry: CapturedRequest, bytes: number): void {
    this.queue.push(entry, bytes);
    if (this.queue.length >= this.options.batchSize) void this.write();
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
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
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
   */
  private async drain(): Promise<void> {
    let due = this.queue.length;
    while (due > 0 || this.queue.length >= this.options.batchSize) {
      const batch = this.queue.take(this.options.batchSize);
      due -= batch.length;
      const rows = await this.rowsOf(batch);
      try {
        this.written += await this.repository.insert(rows);
        this.failedLast = false;
      } catch (error) {
        this.failedBatches += 1;
        this.failedLast = true;
        this.logger.warn(`request log: a batch of ${rows.length} entries could not be written (${(error as Error).message}); counted as dropped`);
        for (const row of rows) this.queue.countDropped(row.serverId, 1);
        return;
      }
    }
    await this.recordDropped();
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
      this.logger.warn(`request log: could not record ${[...counts.values()].reduce((a, b) => a + b, 0)} dropped entries (${(error as Error).message})`);
    }
  }
}

/** A capture that cannot be turned into a row (it should not happen) still leaves a trace. */
function rowOf(entry: CapturedRequest, names: ReadonlyMap<string, string> | undefined): RequestLogRow {
  try {
    return toLogRow(entry, names);
  } catch (error) {
    return { ...toLogRow({ ...entry, body: undefined, payload: undefined }), action: `unrecordable request (${(error as Error).message})` };
  }
}

function safeReferences(entry: CapturedRequest): string[] {
  try {
    return referencedIds(entry);
  } catch {
    return [];
  }
}
