import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  const limits = { requestsPerSecond: 10, burst: 5 };

  it('starts full: a burst passes at once, the next request waits', () => {
    const bucket = new TokenBucket(limits, 0);
    for (let i = 0; i < 5; i++) expect(bucket.take(limits, 0)).toBe(0);
    expect(bucket.take(limits, 0)).toBe(1);
  });

  it('refills at the rate: one token per 1/rate seconds', () => {
    const bucket = new TokenBucket(limits, 0);
    for (let i = 0; i < 5; i++) bucket.take(limits, 0);
    expect(bucket.take(limits, 99)).toBe(1);
    expect(bucket.take(limits, 100)).toBe(0);
    expect(bucket.take(limits, 100)).toBe(1);
    expect(bucket.take(limits, 300)).toBe(0);
    expect(bucket.take(limits, 300)).toBe(0);
    expect(bucket.take(limits, 300)).toBe(1);
  });

  it('sustains exactly the rate over time', () => {
    const bucket = new TokenBucket(limits, 0);
    let allowed = 0;
    // 1000 requests/s offered for 10 s: burst + 10 s × 10/s get through.
    for (let t = 0; t <= 10_000; t += 1) if (bucket.take(limits, t) === 0) allowed++;
    expect(allowed).toBe(5 + 100);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const bucket = new TokenBucket(limits, 0);
    bucket.take(limits, 0);
    for (let i = 0; i < 5; i++) expect(bucket.take(limits, 3_600_000)).toBe(0);
    expect(bucket.take(limits, 3_600_000)).toBe(1);
  });

  it('Retry-After is whole seconds, at least 1, enough for one token', () => {
    const slow = { requestsPerSecond: 1, burst: 2 };
    const bucket = new TokenBucket(slow, 0);
    expect(bucket.take(slow, 0)).toBe(0);
    expect(bucket.take(slow, 0)).toBe(0);
    expect(bucket.take(slow, 0)).toBe(1);
    expect(bucket.take(slow, 999)).toBe(1);
    expect(bucket.take(slow, 1000)).toBe(0);
  });

  it('Retry-After rounds a fractional wait up to whole seconds', () => {
    const slow = { requestsPerSecond: 1, burst: 1 };
    const bucket = new TokenBucket(slow, 0);
    expect(bucket.take(slow, 0)).toBe(0);
    expect(bucket.take(slow, 100)).toBe(1); // 0.9 s missing → 1
    expect(bucket.take(slow, 1000)).toBe(0);
  });

  it('applies changed limits at once: a smaller burst caps the tokens, a higher rate refills faster', () => {
    const bucket = new TokenBucket(limits, 0);
    const smaller = { requestsPerSecond: 10, burst: 2 };
    expect(bucket.take(smaller, 0)).toBe(0);
    expect(bucket.take(smaller, 0)).toBe(0);
    expect(bucket.take(smaller, 0)).toBe(1);
    const faster = { requestsPerSecond: 1000, burst: 2 };
    expect(bucket.take(faster, 1)).toBe(0);
  });

  it('ignores a clock that goes backwards', () => {
    const bucket = new TokenBucket(limits, 1000);
    for (let i = 0; i < 5; i++) bucket.take(limits, 1000);
    expect(bucket.take(limits, 0)).toBe(1);
    expect(bucket.take(limits, 1100)).toBe(0);
  });
});
