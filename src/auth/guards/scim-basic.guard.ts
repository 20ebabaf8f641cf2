import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ScimError } from '../../scim/errors/scim-error';
import { SCIM_BASIC } from '../strategies/scim-basic.strategy';

const CHALLENGE = 'Basic realm="scimd", charset="UTF-8"';

/** Runs the Basic strategy; a failure becomes a SCIM 401 that carries the Basic challenge. */
@Injectable()
export class ScimBasicGuard extends AuthGuard(SCIM_BASIC) {
  override handleRequest<T>(err: unknown, user: T, _info: unknown, context: ExecutionContext): T {
    if (err) throw err;
    if (user) return user;
    const sent = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>()
      .headers.authorization;
    throw new ScimError(
      401,
      undefined,
      sent !== undefined && /^basic\s/i.test(sent)
        ? 'The username or password is not valid for this identity server (wrong, or the credential was revoked)'
        : 'Authentication required: send "Authorization: Basic <base64 of username:password>"',
      { 'www-authenticate': CHALLENGE },
    );
  }
}
