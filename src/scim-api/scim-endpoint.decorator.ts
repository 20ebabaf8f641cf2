import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ScimAuthGuard } from '../auth/guards/scim-auth.guard';
import { AccessGuard } from './access.guard';
import { MalformedBodyGuard } from './malformed-body';
import { RateLimitGuard } from './rate-limit.guard';
import { ServerResolverGuard } from './server-resolver.guard';

export const SCIM_BEARER_SECURITY = 'scim-bearer';

/**
 * A SCIM controller under `/scim/v2/:serverId/<path>` (and, by URL rewriting, `/scim/v2/<path>` for the
 * default server). Guards run in order: resolve the server (404, inactive 403), check the client
 * address against its allowlist (403), authenticate with its method (401), take the request from the
 * credential's rate limit (429), and only then refuse a URL holding a NUL or a body that is not JSON (400).
 */
export function ScimController(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(`scim/v2/:serverId${path ? `/${path}` : ''}`),
    UseGuards(ServerResolverGuard, AccessGuard, ScimAuthGuard, RateLimitGuard, MalformedBodyGuard),
    ApiTags(tag),
    ApiSecurity(SCIM_BEARER_SECURITY),
    ApiParam({ name: 'serverId', description: 'Identity server id (omit the segment for the default server)' }),
  );
}
