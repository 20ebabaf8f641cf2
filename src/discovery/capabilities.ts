import { BULK_MAX_OPERATIONS, bulkMaxPayloadSize } from '../bulk/bulk-limits';
import { authenticationScheme, ServiceProviderCapabilities } from '../scim/schemas';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../scim/query/paging';
import { ScimTenant } from '../tenancy/scim-tenant';

/**
 * What this build really implements, per server and with this deployment's BODY_LIMIT:
 * ServiceProviderConfig must never promise more, nor less. `changePassword`: a password is set by
 * POST, PUT and PATCH (`password` path or a path-less replace) on every server (docs/passwords.md).
 */
export function capabilitiesOf(
  server: Pick<ScimTenant, 'securityMethod'>,
  bodyLimit: number,
): ServiceProviderCapabilities {
  const scheme = authenticationScheme(server.securityMethod, { primary: true });
  return {
    patch: true,
    bulk: { supported: true, maxOperations: BULK_MAX_OPERATIONS, maxPayloadSize: bulkMaxPayloadSize(bodyLimit) },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: true,
    sort: true,
    etag: true,
    pagination: {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: DEFAULT_PAGE_SIZE,
      maxPageSize: MAX_PAGE_SIZE,
    },
    authenticationSchemes: scheme ? [scheme] : [],
  };
}
