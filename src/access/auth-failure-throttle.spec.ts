import { addressKey, AuthFailureThrottle, MAX_ADDRESSES } from './auth-failure-throttle';

describe('AuthFailureThrottle', () => {
  const IP = '203.0.113.7';
  let now: number;
  let throttle: AuthFailureThrottle;

  beforeEach(() => {
    now = 1_700_000_000_000;
    throttle = new AuthFailureThrottle(() => now);
  });

  /** Records `n` failures at the current time and returns what each answered. */
  const fail = (n: number, ip = IP) => Array.from({ length: n }, () => throttle.recordFailure(ip));

  it('lets 10 failures in a minute pass free', () => {
    expect(fail(10)).toEqual(Array(10).fill(0));
    expect(throttle.retryAfter(IP)).toBe(0);
  });

  it('starts a 1 s backoff at the 11th failure within a minute, and ends it after 1 s', () => {
    fail(10);
    expect(throttle.recordFailure(IP)).toBe(1);
    expect(throttle.retryAfter(IP)).toBe(1);
    now += 999;
    expect(throttle.retryAfter(IP)).toBe(1);
    now += 1;
    expect(throttle.retryAfter(IP)).toBe(0);
  });

  it('doubles the backoff at each further failure: 1, 2, 4 … 32, then 60 s at most', () => {
    fail(10);
    const backoffs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const seconds = throttle.recordFailure(IP);
      backoffs.push(seconds);
      expect(throttle.retryAfter(IP)).toBe(seconds);
      now += seconds * 1000 - 1;
      expect(throttle.retryAfter(IP)).toBe(1);
      now += 1;
      expect(throttle.retryAfter(IP)).toBe(0);
    }
    expect(backoffs).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
  });

  it('keeps doubling even when the failures come slower than 10 a minute, until the address is quiet', () => {
    fail(10);
    expect(throttle.recordFailure(IP)).toBe(1);
    now += 1000 + 58_999; // 59 s after the backoff ended: not yet quiet for a minute
    expect(throttle.recordFailure(IP)).toBe(2);
    now += 2_000 + 59_999;
    expect(throttle.recordFailure(IP)).toBe(4);
  });

  it('does not count or extend on failures during a backoff; it answers the time left', () => {
    fail(10);
    expect(throttle.recordFailure(IP)).toBe(1); // backoff until +1 s
    now += 400;
    expect(fail(50)).toEqual(Array(50).fill(1));
    expect(throttle.retryAfter(IP)).toBe(1);
    now += 600;
    expect(throttle.retryAfter(IP)).toBe(0);
    expect(throttle.recordFailure(IP)).toBe(2); // the next level, not the 50 ignored ones
  });

  it('rounds the time left up to whole seconds', () => {
    fail(10);
    throttle.recordFailure(IP); // 1 s
    now += 1000;
    throttle.recordFailure(IP); // 2 s
    now += 2000;
    expect(throttle.recordFailure(IP)).toBe(4);
    now += 1500;
    expect(throttle.retryAfter(IP)).toBe(3);
    now += 2499;
    expect(throttle.retryAfter(IP)).toBe(1);
    now += 1;
    expect(throttle.retryAfter(IP)).toBe(0);
  });

  it('counts over a sliding minute, not in fixed windows', () => {
    const start = now;
    for (let i = 0; i < 10; i++) {
      now = start + i * 5_900; // ten failures over 53.1 s
      expect(throttle.recordFailure(IP)).toBe(0);
    }
    now = start + 60_000; // the first has aged out: one more is free…
    expect(throttle.recordFailure(IP)).toBe(0);
    expect(throttle.recordFailure(IP)).toBe(1); // …but not two (a fixed window would have started afresh)
  });

  it('starts afresh after a quiet minute following the last backoff', () => {
    fail(10);
    expect(throttle.recordFailure(IP)).toBe(1);
    now += 1000;
    expect(throttle.recordFailure(IP)).toBe(2);
    now += 2000 + 60_000; // the backoff ended, then a minute without failures
    expect(fail(10)).toEqual(Array(10).fill(0));
    expect(throttle.recordFailure(IP)).toBe(1);
  });

  it('a failure after a long quiet spell without any backoff is free', () => {
    fail(9);
    now += 3_600_000;
    expect(fail(10)).toEqual(Array(10).fill(0));
    expect(throttle.recordFailure(IP)).toBe(1);
  });

  it('forgets an address on success: the IdP that got its credential right starts afresh', () => {
    fail(10);
    expect(throttle.recordFailure(IP)).toBe(1);
    throttle.recordSuccess(IP);
    expect(throttle.retryAfter(IP)).toBe(0);
    expect(fail(10)).toEqual(Array(10).fill(0));
    expect(throttle.recordFailure(IP)).toBe(1);
  });

  it('recordSuccess and retryAfter are harmless for an address never seen', () => {
    throttle.recordSuccess('198.51.100.1');
    expect(throttle.retryAfter('198.51.100.1')).toBe(0);
    fail(1, '198.51.100.2');
    throttle.recordSuccess('198.51.100.1');
    expect(throttle.retryAfter('198.51.100.1')).toBe(0);
  });

  it('keeps addresses apart', () => {
    fail(11);
    expect(throttle.retryAfter(IP)).toBe(1);
    expect(throttle.retryAfter('203.0.113.8')).toBe(0);
    expect(fail(10, '203.0.113.8')).toEqual(Array(10).fill(0));
    throttle.recordSuccess('203.0.113.8');
    expect(throttle.retryAfter(IP)).toBe(1);
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', () => {
    fail(10, '::ffff:203.0.113.7');
    expect(throttle.recordFailure(IP)).toBe(1);
    expect(throttle.retryAfter('::ffff:203.0.113.7')).toBe(1);
  });

  it('counts IPv6 addresses per /64', () => {
    fail(5, '2001:db8:1:2::1');
    fail(5, '2001:db8:1:2:ffff::9');
    expect(throttle.recordFailure('2001:db8:1:2:abcd::1')).toBe(1);
    expect(throttle.retryAfter('2001:db8:1:2::77')).toBe(1);
    expect(throttle.retryAfter('2001:db8:1:3::1')).toBe(0);
  });

  it('holds a bounded number of addresses, forgetting the least recently seen', () => {
    fail(11);
    expect(throttle.retryAfter(IP)).toBe(1);
    for (let i = 0; i < MAX_ADDRESSES; i++)
      throttle.recordFailure(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(throttle.retryAfter(IP)).toBe(0);
  });

  /** A client that retries every 10 ms for 10 minutes; `patient` ones wait out a quiet minute when throttled. */
  const simulate = (patient: boolean) => {
    let tries = 0;
    const end = now + 10 * 60_000;
    while (now < end) {
      const wait = throttle.retryAfter(IP);
      if (wait > 0) {
        now += patient ? wait * 1000 + 60_000 : 10; // refused with 429 (not counted) until then
        continue;
      }
      throttle.recordFailure(IP);
      tries++;
      now += 10;
    }
    return tries;
  };

  it('makes guessing slow: as fast as allowed, 17 tries in the first 64 s and one a minute after', () => {
    expect(simulate(false)).toBe(17 + 8);
  });

  it('lets a patient client have its 10 free failures a minute (and one more that starts a backoff)', () => {
    const tries = simulate(true);
    expect(tries).toBeGreaterThanOrEqual(100);
    expect(tries).toBeLessThanOrEqual(110);
  });

  it('uses Date.now without a clock', () => {
    const real = new AuthFailureThrottle();
    for (let i = 0; i < 10; i++) expect(real.recordFailure(IP)).toBe(0);
    expect(real.recordFailure(IP)).toBe(1);
    expect(real.retryAfter(IP)).toBe(1);
  });
});

describe('addressKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['not-an-address', 'not-an-address'],
  ])('%s → %s', (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });
});
