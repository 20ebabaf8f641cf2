import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import type { RecordedServer } from '../audit-log/request-log/captured-request';
import { requestState } from '../common/http/request-state';
import { isUuid } from '../common/uuid';
import { clientUrlOf } from '../common/http/scim-fastify-adapter';
import { Leniency } from '../scim/compat/leniency';
import { ScimError } from '../scim/errors/scim-error';
import type { ScimContext } from '../tenancy/scim-context';
import { TenantDirectory } from '../tenancy/tenant-directory';
import { DEFAULT_SERVER_SEGMENT } from './scim-request';

const NO_FIXES: readonly never[] = [];

/**
 * Resolves the identity server named in the URL once per request (unknown → 404, inactive → 403) and
 * sets the request's SCIM context: the tenant, and the leniency its `strict` setting allows.
 */
@Injectable()
export class ServerResolverGuard implements CanActivate {
  constructor(private readonly tenants: TenantDirectory) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const segment = (request.params as Record<string, string>).serverId;
    const tenant =
      segment === DEFAULT_SERVER_SEGMENT
        ? await this.tenants.defaultTenant()
        : isUuid(segment)
          ? await this.tenants.byId(segment.toLowerCase())
          : null;
    if (!tenant) {
      throw ScimError.notFound(
        segment === DEFAULT_SERVER_SEGMENT
          ? 'No identity server is the default: use /scim/v2/<server id>/ or make a server the default'
          : `No identity server with id ${segment}`,
      );
    }
    const state = requestState(request.raw);
    // Set before the inactive check too: the request log records the refusal under its server.
    state.recorded = tenant satisfies RecordedServer;
    if (!tenant.active) throw new ScimError(403, undefined, `Identity server ${tenant.id} is inactive`);
    const leniency = new Leniency(tenant.scim.strict);
    state.scim = { tenant, leniency, requestId: request.id } satisfies ScimContext;
    for (const fix of state.urlFixes ?? NO_FIXES) {
      // A strict server knows its endpoints by RFC 7644's names only (/Users, not /users/).
      leniency.allow(fix, () =>
        ScimError.notFound(
          `No SCIM endpoint ${clientUrlOf(request).split('?')[0]}: endpoints are spelled as in RFC 7644 (/Users, /Groups…), without a trailing slash`,
        ),
      );
    }
    return true;
  }
}
