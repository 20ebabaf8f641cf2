import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { RateLimiter } from '../access/rate-limiter';
import { tooManyRequests } from '../access/too-many-requests';
import { AuthenticatedRequest } from '../auth/principal';
import { requestState } from '../common/http/request-state';
import type { ScimContext } from '../tenancy/scim-context';

/**
 * The server's rate limit, after ScimAuthGuard: one token bucket per server and credential (so a
 * rotation's second credential has its own budget). Over the limit → 429 with `Retry-After`.
 * Runs on every SCIM request: memory only, O(1).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const scim: ScimContext | undefined = requestState(request.raw).scim;
    const principal = request.user;
    if (!scim || !principal) throw new Error('RateLimitGuard must run after ServerResolverGuard and ScimAuthGuard');
    const { id, access } = scim.tenant;
    const wait = this.limiter.take(id, principal.credentialId, access.rateLimit);
    if (wait > 0) {
      throw tooManyRequests(
        `Too many requests to identity server ${id} (limit: ${access.rateLimit.requestsPerSecond} per second, bursts of ${access.rateLimit.burst}); retry after ${wait} s`,
        wait,
      );
    }
    return true;
  }
}
