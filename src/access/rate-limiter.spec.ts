import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  const limits = { requestsPerSecond: 1, burst: 2 };
  let now: number;
  let limiter: RateLimiter;

  beforeEach(() => {
    now = 1_000_000;
    limiter = new RateLimiter(() => now);
  });

  const drain = (serverId: string, credentialId: string | null) => {
    expect(limiter.take(serverId, credentialId, limits)).toBe(0);
    expect(limiter.take(serverId, credentialId, limits)).toBe(0);
    expect(limiter.take(serverId, credentialId, limits)).toBe(1);
  };

  it('keeps one bucket per server and credential', () => {
    drain('s1', 'c1');
    drain('s1', 'c2');
    drain('s2', 'c1');
    drain('s1', null);
    drain('s2', null);
  });

  it('refills with time', () => {
    drain('s1', 'c1');
    now += 999;
    expect(limiter.take('s1', 'c1', limits)).toBe(1);
    now += 1;
    expect(limiter.take('s1', 'c1', limits)).toBe(0);
    expect(limiter.take('s1', 'c1', limits)).toBe(1);
    now += 5_000;
    expect(limiter.take('s1', 'c1', limits)).toBe(0);
    expect(limiter.take('s1', 'c1', limits)).toBe(0);
    expect(limiter.take('s1', 'c1', limits)).toBe(1);
  });

  it('answers Retry-After for the rate: 100 requests/s with no burst left waits 1 s', () => {
    const fast = { requestsPerSecond: 100, burst: 1 };
    expect(limiter.take('s', 'c', fast)).toBe(0);
    expect(limiter.take('s', 'c', fast)).toBe(1);
    now += 10;
    expect(limiter.take('s', 'c', fast)).toBe(0);
  });

  it('uses Date.now without a clock', () => {
    const real = new RateLimiter();
    expect(real.take('s', null, limits)).toBe(0);
    expect(real.take('s', null, limits)).toBe(0);
    expect(real.take('s', null, limits)).toBe(1);
  });
});
