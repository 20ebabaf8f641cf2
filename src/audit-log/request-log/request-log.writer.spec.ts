import { RequestLogRepository } from '../request-log.repository';
import { CapturedRequest } from './captured-request';
import { RequestLogRow } from './log-row';
import { RequestLogWriter } from './request-log.writer';

const SERVER = '3c8b0000-0000-4000-8000-000000000001';

function captured(n: number, serverId = SERVER): CapturedRequest {
  return {
    serverId,
    kind: 'request',
    at: Date.UTC(2026, 0, 1, 0, 0, n),
    requestId: `req-${n}`,
    method: 'GET',
    url: `/scim/v2/${serverId}/Users`,
    routeUrl: `/scim/v2/${serverId}/Users`,
    status: 200,
    durationMs: 3,
    clientAddress: '192.0.2.1',
    userAgent: 'Okta SCIM Client 1.0.0',
    credentialId: null,
    payload: '{"totalResults":0}',
  };
}

class FakeRepository {
  batches: RequestLogRow[][] = [];
  failing = false;
  /** Refuses every statement holding an entry with this request id (as PostgreSQL refuses a bad value). */
  refused: string | undefined;
  /** Fails as an unreachable database does. */
  unreachable = false;
  async names(): Promise<Map<string, string>> {
    return new Map();
  }
  async insert(rows: RequestLogRow[]): Promise<number> {
    if (this.failing) throw new Error('database unavailable');
    if (this.unreachable) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    if (rows.some((r) => r.requestId === this.refused))
      throw Object.assign(new Error('integer out of range'), { code: '22003' });
    this.batches.push(rows);
    return rows.length;
  }
}

function writer(
  repo: FakeRepository,
  options: Partial<ConstructorParameters<typeof RequestLogWriter>[1]> = {},
): RequestLogWriter {
  return new RequestLogWriter(repo as unknown as RequestLogRepository, { flushIntervalMs: 60_000, ...options });
}

describe('RequestLogWriter', () => {
  it('writes nothing on the request path, then everything in batches of batchSize', async () => {
    const repo = new FakeRepository();
    const w = writer(repo, { batchSize: 2 });
    w.record(captured(1), 100);
    expect(repo.batches).toEqual([]);
    w.record(captured(2), 100); // a full batch starts a write
    w.record(captured(3), 100);
    await w.flush();
    expect(repo.batches.map((b) => b.map((r) => r.requestId))).toEqual([['req-1', 'req-2'], ['req-3']]);
    expect(w.stats()).toEqual({
      queued: 0,
      queuedBytes: 0,
      written: 3,
      dropped: 0,
      droppedNotYetRecorded: 0,
      failedBatches: 0,
      waitingForDatabase: false,
    });
  });

  it('writes a partial batch after flushIntervalMs', async () => {
    jest.useFakeTimers();
    try {
      const repo = new FakeRepository();
      const w = writer(repo, { flushIntervalMs: 200 });
      w.record(captured(1), 100);
      jest.advanceTimersByTime(199);
      expect(repo.batches).toHaveLength(0);
      jest.advanceTimersByTime(1);
      for (let i = 0; i < 10; i++) await Promise.resolve(); // the write runs on microtasks
      expect(repo.batches).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('leaves entries that arrive during a write for the next interval instead of writing them at once', async () => {
    jest.useFakeTimers();
    try {
      const repo = new FakeRepository();
      let release: () => void = () => undefined;
      const insert = repo.insert.bind(repo);
      repo.insert = async (rows) => {
        await new Promise<void>((resolve) => (release = resolve));
        return insert(rows);
      };
      const w = writer(repo, { flushIntervalMs: 200, batchSize: 100 });
      w.record(captured(1), 100);
      jest.advanceTimersByTime(200); // the first write starts, and waits on the database
      for (let i = 0; i < 10; i++) await Promise.resolve();
      w.record(captured(2), 100);
      w.record(captured(3), 100);
      release();
      for (let i = 0; i < 10; i++) await Promise.resolve();
      expect(repo.batches.map((b) => b.map((r) => r.requestId))).toEqual([['req-1']]);
      expect(w.stats().queued).toBe(2);
      jest.advanceTimersByTime(199);
      for (let i = 0; i < 10; i++) await Promise.resolve();
      expect(repo.batches).toHaveLength(1);
      jest.advanceTimersByTime(1);
      for (let i = 0; i < 10; i++) await Promise.resolve();
      release();
      for (let i = 0; i < 10; i++) await Promise.resolve();
      expect(repo.batches.map((b) => b.map((r) => r.requestId))).toEqual([['req-1'], ['req-2', 'req-3']]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('counts entries that overflow the queue and records the count as an entry of its own', async () => {
    const repo = new FakeRepository();
    const w = writer(repo, { maxEntries: 2, batchSize: 100 });
    for (let i = 1; i <= 5; i++) w.record(captured(i), 100);
    expect(w.stats()).toMatchObject({ queued: 2, dropped: 3, droppedNotYetRecorded: 3 });
    await w.flush();
    expect(repo.batches).toHaveLength(2);
    expect(repo.batches[0].map((r) => r.requestId)).toEqual(['req-1', 'req-2']);
    expect(repo.batches[1]).toEqual([
      expect.objectContaining({
        serverId: SERVER,
        kind: 'dropped',
        action: '3 log entries dropped (log queue full or database unavailable)',
        status: null,
      }),
    ]);
    expect(w.stats()).toMatchObject({ queued: 0, written: 3, dropped: 3, droppedNotYetRecorded: 0 });
  });

  it('counts a batch the database refused as dropped, and records it once the database is back', async () => {
    const repo = new FakeRepository();
    const w = writer(repo);
    repo.failing = true;
    w.record(captured(1), 100);
    w.record(captured(2), 100);
    await w.flush();
    expect(w.stats()).toMatchObject({ queued: 0, written: 0, dropped: 2, droppedNotYetRecorded: 2, failedBatches: 1 });
    repo.failing = false;
    w.record(captured(3), 100);
    await w.flush();
    expect(repo.batches.map((b) => b.map((r) => r.kind))).toEqual([['request'], ['dropped']]);
    expect(repo.batches[1][0].action).toBe('2 log entries dropped (log queue full or database unavailable)');
  });

  it('writes what is queued on graceful shutdown', async () => {
    const repo = new FakeRepository();
    const w = writer(repo);
    w.record(captured(1), 100);
    w.record(captured(2, '3c8b0000-0000-4000-8000-000000000002'), 100);
    await w.onApplicationShutdown();
    expect(repo.batches.flat().map((r) => r.requestId)).toEqual(['req-1', 'req-2']);
    expect(w.stats().queued).toBe(0);
  });

  it('writes a refused batch again entry by entry: the bad entry is dropped and counted, the others are written', async () => {
    const repo = new FakeRepository();
    repo.refused = 'req-3';
    const w = writer(repo);
    const other = '3c8b0000-0000-4000-8000-000000000002';
    for (let i = 1; i <= 5; i++) w.record(captured(i, i === 3 ? SERVER : other), 100);
    await w.flush();
    expect(repo.batches.map((b) => b.map((r) => r.requestId ?? r.action))).toEqual([
      ['req-1'],
      ['req-2'],
      ['req-4'],
      ['req-5'],
      ['1 log entry dropped (log queue full or database unavailable)'],
    ]);
    expect(repo.batches[4][0].serverId).toBe(SERVER);
    expect(w.stats()).toMatchObject({ written: 5, dropped: 1, failedBatches: 1, droppedNotYetRecorded: 0 });
  });

  it('keeps a batch while the database is unreachable and writes it, whole and once, when it is back', async () => {
    const repo = new FakeRepository();
    repo.unreachable = true;
    const w = writer(repo, { retryMinMs: 5, retryMaxMs: 20 });
    w.record(captured(1), 100);
    w.record(captured(2), 100);
    const flushed = w.flush();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(w.stats()).toMatchObject({
      queued: 2,
      queuedBytes: 200,
      written: 0,
      dropped: 0,
      failedBatches: 0,
      waitingForDatabase: true,
    });
    w.record(captured(3), 100);
    repo.unreachable = false;
    await flushed;
    expect(repo.batches.flat().map((r) => r.requestId)).toEqual(['req-1', 'req-2', 'req-3']);
    expect(w.stats()).toMatchObject({ queued: 0, written: 3, dropped: 0, waitingForDatabase: false });
  });

  it('bounds what an outage keeps by the queue bytes: what overflows is dropped and counted', async () => {
    const repo = new FakeRepository();
    repo.unreachable = true;
    const w = writer(repo, { maxBytes: 250, retryMinMs: 5, retryMaxMs: 5 });
    for (let i = 1; i <= 4; i++) w.record(captured(i), 100);
    const flushed = w.flush();
    repo.unreachable = false;
    await flushed;
    expect(repo.batches.map((b) => b.map((r) => r.requestId ?? r.action))).toEqual([
      ['req-1', 'req-2'],
      ['2 log entries dropped (log queue full or database unavailable)'],
    ]);
  });

  it('gives up on an unreachable database at shutdown after shutdownFlushMs, counting what it could not write', async () => {
    const repo = new FakeRepository();
    repo.unreachable = true;
    const w = writer(repo, { retryMinMs: 10_000, retryMaxMs: 10_000, shutdownFlushMs: 50 });
    w.record(captured(1), 100);
    const started = Date.now();
    await w.onApplicationShutdown();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(w.stats()).toMatchObject({ queued: 0, written: 0, dropped: 1 });
  });

  it('writes batches bounded by bytes as well as by entries', async () => {
    const repo = new FakeRepository();
    const w = writer(repo, { batchBytes: 250 });
    for (let i = 1; i <= 5; i++) w.record(captured(i), 100);
    await w.flush();
    expect(repo.batches.map((b) => b.length)).toEqual([2, 2, 1]);
  });
});
