import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { heldNulError } from '../common/http/nul-in-request';

/**
 * The body of a SCIM request that is not JSON, held until the request is known to come from the
 * identity server's client: the JSON parser runs before the guards, and a malformed body refused
 * there would reach neither the authentication (a stranger's junk answered 400 instead of 401) nor
 * the request log ("why did Okta get a 400?").
 */
export class MalformedBody {
  constructor(readonly error: Error) {}
}

/**
 * The last SCIM guard: a URL holding a NUL (refuseNulCharacters) or a body that did not parse is
 * refused now, with its own error (400).
 */
@Injectable()
export class MalformedBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ body?: unknown; raw: object }>();
    const nul = heldNulError(request.raw);
    if (nul) throw nul;
    if (request.body instanceof MalformedBody) throw request.body.error;
    return true;
  }
}
