import { Inject, Injectable, Optional } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { RateLimitSettings } from './access-settings';
import { ACCESS_CLOCK, Clock } from './clock';
import { TokenBucket } from './token-bucket';

/** Buckets kept per instance; the least recently used is dropped beyond this (it comes back full). */
export const MAX_BUCKETS = 100_000;

/**
 * The request budgets of this instance: one token bucket per server and credential (a server with the
 * `none` method has one bucket). In memory, O(1) per request, no database: with N instances behind a
 * load balancer a client may get up to N times the configured rate.
 */
@Injectable()
export class RateLimiter {
  private readonly buckets = new LRUCache<string, TokenBucket>({ max: MAX_BUCKETS });

  constructor(@Optional() @Inject(ACCESS_CLOCK) private readonly now: Clock = Date.now) {}

  /** Takes one request from the budget: 0 when allowed, otherwise whole seconds (≥ 1) to wait. */
  take(serverId: string, credentialId: string | null, limits: RateLimitSettings): number {
    const key = credentialId === null ? serverId : `${serverId}/${credentialId}`;
    const now = this.now();
    const bucket = this.buckets.get(key);
    if (bucket) return bucket.take(limits, now);
    const fresh = new TokenBucket(limits, now);
    this.buckets.set(key, fresh);
    return fresh.take(limits, now);
  }
}
