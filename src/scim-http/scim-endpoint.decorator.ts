import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ScimAuthGuard } from '../auth/guards/scim-auth.guard';
import { ServerResolverGuard } from './server-resolver.guard';

export const SCIM_BEARER_SECURITY = 'scim-bearer';

/**
 * A SCIM controller under `/scim/v2/:serverId/<path>` (and, by URL rewriting, `/scim/v2/<path>` for the
 * default server). Guards run in order: resolve the server, then authenticate with its method.
 */
export function ScimController(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(`scim/v2/:serverId${path ? `/${path}` : ''}`),
    UseGuards(ServerResolverGuard, ScimAuthGuard),
    ApiTags(tag),
    ApiSecurity(SCIM_BEARER_SECURITY),
    ApiParam({ name: 'serverId', description: 'Identity server id (omit the segment for the default server)' }),
  );
}
