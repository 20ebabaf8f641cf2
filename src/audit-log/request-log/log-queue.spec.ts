import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LogQueue } from './log-queue';

setFlagsFromString('--expose-gc');
/** V8's collector, to see whether the queue still holds what it handed out. */
const gc = runInNewContext('gc') as () => void;

const entry = (serverId: string, n: number) => ({ serverId, n });

describe('LogQueue', () => {
  it('keeps entries in order and hands them out in batches', () => {
    const queue = new LogQueue<{ serverId: string; n: number }>({ maxEntries: 10, maxBytes: 1000 });
    for (let i = 0; i < 5; i++) expect(queue.push(entry('a', i), 10)).toBe(true);
    expect(queue.take(2).map((e) => e.n)).toEqual([0, 1]);
    expect(queue.take(10).map((e) => e.n)).toEqual([2, 3, 4]);
    expect(queue.length).toBe(0);
    expect(queue.byteSize).toBe(0);
  });

  it('holds no reference to the entries it handed out (each holds its request and response bodies)', async () => {
    const queue = new LogQueue<{ serverId: string; body: string }>({ maxEntries: 10, maxBytes: 1e9 });
    const refs: WeakRef<object>[] = [];
    for (let i = 0; i < 4; i++) {
      const e = { serverId: 'a', body: `${i}`.repeat(64 * 1024) };
      refs.push(new WeakRef(e));
      queue.push(e, e.body.length);
    }
    expect(queue.takeBatch(2, Infinity)).toHaveLength(2);
    expect(queue.take(1)).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve)); // a WeakRef keeps its target until the job that made it ends
    gc();
    expect(refs.map((r) => r.deref() !== undefined)).toEqual([false, false, false, true]);
    expect(queue.length).toBe(1);
    expect(queue.byteSize).toBe(64 * 1024);
  });

  it('puts entries back at the front, in order, within its byte count', () => {
    const queue = new LogQueue<{ serverId: string; n: number }>({ maxEntries: 10, maxBytes: 1000 });
    for (let i = 0; i < 5; i++) queue.push(entry('a', i), 10);
    const batch = queue.takeBatch(3, 25);
    expect(batch.map((e) => e.item.n)).toEqual([0, 1]);
    queue.putBack(batch);
    expect(queue.byteSize).toBe(50);
    expect(queue.take(10).map((e) => e.n)).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses entries past its entry or byte bound and counts them per server, never silently', () => {
    const queue = new LogQueue<{ serverId: string; n: number }>({ maxEntries: 2, maxBytes: 100 });
    expect(queue.push(entry('a', 1), 10)).toBe(true);
    expect(queue.push(entry('a', 2), 10)).toBe(true);
    expect(queue.push(entry('a', 3), 10)).toBe(false);
    expect(queue.push(entry('b', 4), 10)).toBe(false);
    queue.take(1);
    expect(queue.push(entry('b', 5), 95)).toBe(false); // over the byte bound
    expect(queue.droppedTotal).toBe(3);
    expect(queue.pendingDropped).toBe(3);
    expect([...queue.takeDropped()]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(queue.pendingDropped).toBe(0);
    expect(queue.droppedTotal).toBe(3);
  });

  it('gives dropped counts back when recording them failed', () => {
    const queue = new LogQueue<{ serverId: string; n: number }>({ maxEntries: 0, maxBytes: 0 });
    queue.push(entry('a', 1), 1);
    const counts = queue.takeDropped();
    queue.push(entry('a', 2), 1);
    queue.restoreDropped(counts);
    expect([...queue.takeDropped()]).toEqual([['a', 2]]);
  });
});
