import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { requestState } from '../common/http/request-state';
import { ScimError } from '../scim/errors/scim-error';
import type { ScimContext } from '../tenancy/scim-context';

/**
 * The server's IP allowlist, between ServerResolverGuard and ScimAuthGuard: an address not allowed
 * gets 403 before any credential is looked at. The address is Fastify's `request.ip`: the socket's
 * peer, or the client named in `X-Forwarded-For` only when TRUST_PROXY trusts the proxy.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const scim: ScimContext | undefined = requestState(request.raw).scim;
    if (!scim) throw new Error('AccessGuard must run after ServerResolverGuard');
    const { tenant } = scim;
    if (!tenant.access.allowlist.allows(request.ip)) {
      throw new ScimError(
        403,
        undefined,
        `Client address ${request.ip} is not in the allowlist of identity server ${tenant.id}`,
      );
    }
    return true;
  }
}
