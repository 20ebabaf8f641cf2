import { FastifyRequest } from 'fastify';
import { ScimPrincipal } from '../auth/principal';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';

/** What the SCIM guards attach to a request: the resolved identity server, then the principal. */
export interface ScimRequest extends FastifyRequest {
  scimServer?: IdentityServerEntity;
  user?: ScimPrincipal;
}

/** The path segment that names the default server after URL rewriting (never a valid server id). */
export const DEFAULT_SERVER_SEGMENT = '_default';

/** The endpoints RFC 7644 defines at a SCIM base URL (the default server is reached through them). */
export const SCIM_ENDPOINTS = ['Users', 'Groups', 'Schemas', 'ResourceTypes', 'ServiceProviderConfig', 'Bulk', 'Me', '.search'];

/**
 * `/scim/v2/Users…` (no server id) → `/scim/v2/_default/Users…`, so one set of routes serves both the
 * per-server URLs and the default server's.
 */
export function rewriteScimUrl(url: string): string {
  const match = /^\/scim\/v2\/([^/?#]+)/.exec(url);
  if (!match || !SCIM_ENDPOINTS.includes(match[1])) return url;
  return `/scim/v2/${DEFAULT_SERVER_SEGMENT}${url.slice('/scim/v2'.length)}`;
}
