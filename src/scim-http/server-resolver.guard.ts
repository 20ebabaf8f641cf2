import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { isUuid } from '../common/uuid';
import { ScimError } from '../scim/errors/scim-error';
import { ServerDirectory } from '../servers/server-directory';
import { DEFAULT_SERVER_SEGMENT, ScimRequest } from './scim-request';

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
    return true;
  }
}
