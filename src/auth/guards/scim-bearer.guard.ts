import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ScimError } from '../../scim/errors/scim-error';
import { SCIM_BEARER } from '../strategies/scim-bearer.strategy';

/** Runs the bearer strategy; a failure becomes a SCIM 401 that carries the Bearer challenge. */
@Injectable()
export class ScimBearerGuard extends AuthGuard(SCIM_BEARER) {
  override handleRequest<T>(err: unknown, user: T, info: unknown, _context: ExecutionContext): T {
    if (err) throw err;
    if (user) return user;
    const invalid = typeof info === 'string' && info.includes('invalid_token');
    throw new ScimError(
      401,
      undefined,
      invalid
        ? 'The bearer token is not valid for this identity server (wrong, expired or revoked)'
        : 'Authentication required: send "Authorization: Bearer <token>"',
      { 'www-authenticate': `Bearer realm="scimd"${invalid ? ', error="invalid_token"' : ''}` },
    );
  }
}
