import { Module } from '@nestjs/common';
import { AuthFailureThrottle } from './auth-failure-throttle';
import { RateLimiter } from './rate-limiter';

/**
 * Per-server abuse limits on the SCIM URLs: the token buckets of the rate limit and the
 * failed-authentication throttle the authentication guard consults (the SCIM edge's AccessGuard and
 * RateLimitGuard apply them with each tenant's policy). All state is in memory, per instance.
 */
@Module({
  providers: [RateLimiter, AuthFailureThrottle],
  exports: [RateLimiter, AuthFailureThrottle],
})
export class AccessModule {}
