import { Module } from '@nestjs/common';
import { AccessGuard } from './access.guard';
import { AccessPolicies } from './access-policies';
import { AuthFailureThrottle } from './auth-failure-throttle';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimiter } from './rate-limiter';

/**
 * Per-server abuse limits on the SCIM URLs: the IP allowlist (AccessGuard), the rate limit
 * (RateLimitGuard) and the failed-authentication throttle the authentication guard consults.
 * All state is in memory, per instance.
 */
@Module({
  providers: [AccessPolicies, RateLimiter, AuthFailureThrottle, AccessGuard, RateLimitGuard],
  exports: [AccessPolicies, RateLimiter, AuthFailureThrottle, AccessGuard, RateLimitGuard],
})
export class AccessModule {}
