import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ScimRequest } from '../scim-api/scim-request';
import { AccessPolicies } from './access-policies';
import { RateLimiter } from './rate-limiter';
import { tooManyRequests } from './too-many-requests';

/**
 * The server's rate limit, after ScimAuthGuard: one token bucket per server and credential (so a
 * rotation's second credential has its own budget). Over the limit → 429 with `Retry-After`.
 * Runs on every SCIM request: memory only, O(1).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly policies: AccessPolicies,
    private readonly limiter: RateLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ScimRequest>();
    const server = request.scimServer;
    const principal = request.user;
    if (!server || !principal) throw new Error('RateLimitGuard must run after ServerResolverGuard and ScimAuthGuard');
    const { rateLimit } = this.policies.of(server);
    const wait = this.limiter.take(server.id, principal.credentialId, rateLimit);
    if (wait > 0) {
      throw tooManyRequests(
        `Too many requests to identity server ${server.id} (limit: ${rateLimit.requestsPerSecond} per second, bursts of ${rateLimit.burst}); retry after ${wait} s`,
        wait,
      );
    }
    return true;
  }
}
