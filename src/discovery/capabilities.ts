import { BULK_MAX_OPERATIONS, BULK_MAX_PAYLOAD_SIZE } from '../bulk/bulk-limits';
import { authenticationScheme, ServiceProviderCapabilities } from '../scim/schemas';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../scim-http/paging';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';

/**
 * What this build really implements, per server: ServiceProviderConfig must never promise more.
 */
export function capabilitiesOf(server: IdentityServerEntity): ServiceProviderCapabilities {
  const scheme = authenticationScheme(server.securityMethod, { primary: true });
  return {
    patch: true,
    bulk: { supported: true, maxOperations: BULK_MAX_OPERATIONS, maxPayloadSize: BULK_MAX_PAYLOAD_SIZE },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: false,
    sort: true,
    etag: true,
    pagination: { cursor: true, index: true, defaultPaginationMethod: 'index', defaultPageSize: DEFAULT_PAGE_SIZE, maxPageSize: MAX_PAGE_SIZE },
    authenticationSchemes: scheme ? [scheme] : [],
  };
}
