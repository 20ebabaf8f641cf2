import { accessSettingsOf, DEFAULT_RATE_LIMIT, storedAccessSettings } from './access-settings';

describe('accessSettingsOf', () => {
  it('fills in every default for a server that set nothing', () => {
    expect(accessSettingsOf({})).toEqual({ allowlist: [], rateLimit: { requestsPerSecond: 50, burst: 100 } });
    expect(accessSettingsOf(undefined)).toEqual({ allowlist: [], rateLimit: DEFAULT_RATE_LIMIT });
  });

  it('the default sustains at least the 25 requests/s Entra needs', () => {
    expect(DEFAULT_RATE_LIMIT.requestsPerSecond).toBeGreaterThanOrEqual(25);
    expect(DEFAULT_RATE_LIMIT.burst).toBeGreaterThanOrEqual(DEFAULT_RATE_LIMIT.requestsPerSecond);
  });

  it('keeps what is set and defaults the rest, key by key', () => {
    expect(accessSettingsOf({ allowlist: ['10.0.0.0/8'], rateLimit: { burst: 7 } })).toEqual({
      allowlist: ['10.0.0.0/8'],
      rateLimit: { requestsPerSecond: 50, burst: 7 },
    });
    expect(accessSettingsOf({ rateLimit: { requestsPerSecond: 3 } }).rateLimit).toEqual({
      requestsPerSecond: 3,
      burst: 100,
    });
  });

  it('never shares the stored array or the defaults', () => {
    const stored = { allowlist: ['10.0.0.0/8'] };
    const settings = accessSettingsOf(stored);
    settings.allowlist.push('x');
    settings.rateLimit.burst = 1;
    expect(stored.allowlist).toEqual(['10.0.0.0/8']);
    expect(DEFAULT_RATE_LIMIT.burst).toBe(100);
  });
});

describe('storedAccessSettings', () => {
  it('keeps only the keys given, as plain JSON', () => {
    expect(storedAccessSettings({})).toEqual({});
    expect(storedAccessSettings({ allowlist: [] })).toEqual({ allowlist: [] });
    expect(storedAccessSettings({ rateLimit: { requestsPerSecond: 5, burst: undefined } })).toEqual({
      rateLimit: { requestsPerSecond: 5 },
    });
    const stored = storedAccessSettings({ allowlist: ['::1'], rateLimit: { requestsPerSecond: 5, burst: 9 } });
    expect(stored).toEqual({ allowlist: ['::1'], rateLimit: { requestsPerSecond: 5, burst: 9 } });
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
  });
});
