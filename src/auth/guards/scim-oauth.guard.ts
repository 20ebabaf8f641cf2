import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ScimError } from '../../scim/errors/scim-error';
import { SCIM_OAUTH } from '../strategies/scim-oauth.strategy';

/** Runs the OAuth access-token strategy; a failure becomes a SCIM 401 with the Bearer challenge (RFC 6750 §3). */
@Injectable()
export class ScimOAuthGuard extends AuthGuard(SCIM_OAUTH) {
  override handleRequest<T>(err: unknown, user: T, info: unknown, _context: ExecutionContext): T {
    if (err) throw err;
    if (user) return user;
    const invalid = typeof info === 'string' && info.includes('invalid_token');
    throw new ScimError(
      401,
      undefined,
      invalid
        ? 'The access token is not valid for this identity server (unknown, expired, or its client secret was revoked)'
        : 'Authentication required: send "Authorization: Bearer <access token>" obtained from this server\'s OAuth 2.0 token endpoint',
      { 'www-authenticate': `Bearer realm="scimd"${invalid ? ', error="invalid_token"' : ''}` },
    );
  }
}
