import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { isUuid } from '../common/uuid';
import { clientUrlOf } from '../common/http/scim-fastify-adapter';
import { Leniency } from '../scim/compat/leniency';
import { ScimError } from '../scim/errors/scim-error';
import { scimSettingsOf } from '../servers/scim-settings';
import { ServerDirectory } from '../servers/server-directory';
import { DEFAULT_SERVER_SEGMENT, ScimRequest, urlFixesOf } from './scim-request';

/** Resolves the identity server named in the URL once per request: unknown → 404, inactive → 403. */
@Injectable()
export class ServerResolverGuard implements CanActivate {
  constructor(private readonly servers: ServerDirectory) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ScimRequest>();
    const segment = (request.params as Record<string, string>).serverId;
    const server =
      segment === DEFAULT_SERVER_SEGMENT
        ? await this.servers.defaultOne()
        : isUuid(segment)
          ? await this.servers.server(segment.toLowerCase())
          : null;
    if (!server) {
      throw ScimError.notFound(
        segment === DEFAULT_SERVER_SEGMENT
          ? 'No identity server is the default: use /scim/v2/<server id>/ or make a server the default'
          : `No identity server with id ${segment}`,
      );
    }
    // Set before the inactive check too: the request log records the refusal under its server.
    request.scimServer = server;
    if (!server.active) throw new ScimError(403, undefined, `Identity server ${server.id} is inactive`);
    const leniency = new Leniency(scimSettingsOf(server.scimSettings).strict);
    request.scimLeniency = leniency;
    for (const fix of urlFixesOf(request.raw)) {
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
