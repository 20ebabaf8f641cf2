/** Limits of the in-memory queue between requests and the database. */
export interface QueueLimits {
  /** Most entries held at once. */
  maxEntries: number;
  /** Most bytes (estimated from body sizes) held at once. */
  maxBytes: number;
}

export const DEFAULT_QUEUE_LIMITS: QueueLimits = { maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 };

/**
 * A bounded FIFO of entries waiting to be written. A full queue refuses the entry and counts it as
 * dropped, per identity server, until the count is taken (to be recorded as an entry of its own):
 * nothing is ever dropped silently.
 */
export class LogQueue<T extends { serverId: string }> {
  /**
   * The entries, oldest first. Taking removes them from the array itself (splice), never just moves
   * an index past them: a taken entry holds its request's bodies — the text as sent, the parsed value
   * and the response — and a slot left behind would keep them alive after they were written.
   */
  private items: { item: T; bytes: number }[] = [];
  private bytes = 0;
  private readonly droppedByServer = new Map<string, number>();
  /** Entries dropped since the process started (for the stats endpoint). */
  droppedTotal = 0;

  constructor(private readonly limits: QueueLimits = DEFAULT_QUEUE_LIMITS) {}

  get length(): number {
    return this.items.length;
  }

  /** Adds the entry; false (and counted as dropped) when the queue is full. */
  push(item: T, bytes: number): boolean {
    if (this.length >= this.limits.maxEntries || this.bytes + bytes > this.limits.maxBytes) {
      this.countDropped(item.serverId, 1);
      return false;
    }
    this.items.push({ item, bytes });
    this.bytes += bytes;
    return true;
  }

  /** Removes and returns up to `n` of the oldest entries. */
  take(n: number): T[] {
    return this.takeBatch(n, Infinity).map((t) => t.item);
  }

  /** Removes the oldest entries: at most `n`, and no more than `bytes` (at least one), with their sizes. */
  takeBatch(n: number, bytes: number): { item: T; bytes: number }[] {
    let end = 0;
    let sum = 0;
    while (end < this.items.length && end < n && (end === 0 || sum + this.items[end].bytes <= bytes))
      sum += this.items[end++].bytes;
    this.bytes -= sum;
    return this.items.splice(0, end);
  }

  /** Puts entries taken but not written back at the front, in order (they were within the limits already). */
  putBack(entries: { item: T; bytes: number }[]): void {
    if (entries.length === 0) return;
    this.items.unshift(...entries);
    for (const e of entries) this.bytes += e.bytes;
  }

  /** Counts entries lost elsewhere (a batch the database refused) like refused ones. */
  countDropped(serverId: string, n: number): void {
    this.droppedTotal += n;
    this.droppedByServer.set(serverId, (this.droppedByServer.get(serverId) ?? 0) + n);
  }

  /** The dropped counts not yet recorded, per server; they are forgotten here (give them back on failure). */
  takeDropped(): Map<string, number> {
    const counts = new Map(this.droppedByServer);
    this.droppedByServer.clear();
    return counts;
  }

  /** Puts counts back after recording them failed (not added to the total again). */
  restoreDropped(counts: Map<string, number>): void {
    for (const [serverId, n] of counts)
      this.droppedByServer.set(serverId, (this.droppedByServer.get(serverId) ?? 0) + n);
  }

  /** Dropped counts still waiting to be recorded. */
  get pendingDropped(): number {
    let n = 0;
    for (const v of this.droppedByServer.values()) n += v;
    return n;
  }

  get byteSize(): number {
    return this.bytes;
  }
}
