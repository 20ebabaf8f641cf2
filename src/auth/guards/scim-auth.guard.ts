import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ScimRequest } from '../../scim-http/scim-request';
import { SecurityMethod } from '../../servers/security-method';
import { ScimBearerGuard } from './scim-bearer.guard';

/**
 * Enables exactly the security method configured for the request's identity server (resolved before
 * this guard runs): each method has its own strategy and guard; this one only chooses among them.
 */
@Injectable()
export class ScimAuthGuard implements CanActivate {
  private readonly guards: Record<Exclude<SecurityMethod, 'none'>, CanActivate>;

  constructor(bearer: ScimBearerGuard) {
    this.guards = { bearer };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ScimRequest>();
    const server = request.scimServer;
    if (!server) throw new Error('ScimAuthGuard must run after ServerResolverGuard');
    if (server.securityMethod === 'none') {
      request.user = { serverId: server.id, method: 'none', credentialId: null };
      return true;
    }
    return (await this.guards[server.securityMethod].canActivate(context)) as boolean;
  }
}
