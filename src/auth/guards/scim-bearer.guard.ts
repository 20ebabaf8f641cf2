import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { SCIM_BEARER } from '../strategies/scim-bearer.strategy';
import { bearerChallenge } from './bearer-challenge';

const DETAILS = {
  invalid: 'The bearer token is not valid for this identity server (wrong, expired or revoked)',
  missing: 'Authentication required: send "Authorization: Bearer <token>"',
};

/** Runs the bearer strategy; a failure becomes a SCIM 401 that carries the Bearer challenge. */
@Injectable()
export class ScimBearerGuard extends AuthGuard(SCIM_BEARER) {
  override handleRequest<T>(err: unknown, user: T, info: unknown, _context: ExecutionContext): T {
    if (err) throw err;
    if (user) return user;
    throw bearerChallenge(info, DETAILS);
  }
}
