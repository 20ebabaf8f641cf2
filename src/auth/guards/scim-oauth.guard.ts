import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { SCIM_OAUTH } from '../strategies/scim-oauth.strategy';
import { bearerChallenge } from './bearer-challenge';

const DETAILS = {
  invalid:
    'The access token is not valid for this identity server (unknown, expired, or its client secret was revoked)',
  missing:
    'Authentication required: send "Authorization: Bearer <access token>" obtained from this server\'s OAuth 2.0 token endpoint',
};

/** Runs the OAuth access-token strategy; a failure becomes a SCIM 401 with the Bearer challenge (RFC 6750 §3). */
@Injectable()
export class ScimOAuthGuard extends AuthGuard(SCIM_OAUTH) {
  override handleRequest<T>(err: unknown, user: T, info: unknown, _context: ExecutionContext): T {
    if (err) throw err;
    if (user) return user;
    throw bearerChallenge(info, DETAILS);
  }
}
