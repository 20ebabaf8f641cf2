import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { FastifyReply } from 'fastify';
import { ADMIN_BEARER, AdminTokenThrottled } from './admin-bearer.strategy';

/**
 * Admin API access: `Authorization: Bearer <admin token>`, or 401 with a Bearer challenge; wrong
 * tokens are throttled per address (429 with Retry-After), a valid one always passes.
 */
@Injectable()
export class AdminGuard extends AuthGuard(ADMIN_BEARER) {
  override handleRequest<T>(err: unknown, user: T, info: unknown, context: ExecutionContext): T {
    if (err instanceof AdminTokenThrottled)
      context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(err.retryAfter));
    if (err) throw err;
    if (!user) {
      const invalid = typeof info === 'string' && info.includes('invalid_token');
      const reply = context.switchToHttp().getResponse<FastifyReply>();
      reply.header('www-authenticate', `Bearer realm="scimd-admin"${invalid ? ', error="invalid_token"' : ''}`);
      throw new UnauthorizedException(
        invalid ? 'The admin token is not valid' : 'Missing admin token: send "Authorization: Bearer <admin token>"',
      );
    }
    return user;
  }
}
