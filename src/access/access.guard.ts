import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ScimRequest } from '../scim-api/scim-request';
import { ScimError } from '../scim/errors/scim-error';
import { AccessPolicies } from './access-policies';

/**
 * The server's IP allowlist, between ServerResolverGuard and ScimAuthGuard: an address not allowed
 * gets 403 before any credential is looked at. The address is Fastify's `request.ip`: the socket's
 * peer, or the client named in `X-Forwarded-For` only when TRUST_PROXY trusts the proxy.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly policies: AccessPolicies) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ScimRequest>();
    const server = request.scimServer;
    if (!server) throw new Error('AccessGuard must run after ServerResolverGuard');
    if (!this.policies.of(server).allowlist.allows(request.ip)) {
      throw new ScimError(
        403,
        undefined,
        `Client address ${request.ip} is not in the allowlist of identity server ${server.id}`,
      );
    }
    return true;
  }
}
