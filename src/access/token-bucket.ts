import { RateLimitSettings } from './access-settings';

/**
 * One token bucket, refilled lazily on use: `rate` tokens per second up to `burst`; each request takes
 * one. The limits are passed on every call, so a changed setting applies at once. Time in milliseconds.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  /** A new bucket starts full. */
  constructor(limits: RateLimitSettings, now: number) {
    this.tokens = limits.burst;
    this.updatedAt = now;
  }

  /** Takes a token: 0 when there was one, otherwise the whole seconds (≥ 1) until there will be. */
  take(limits: RateLimitSettings, now: number): number {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(limits.burst, this.tokens + elapsed * limits.requestsPerSecond);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / limits.requestsPerSecond));
  }
}
