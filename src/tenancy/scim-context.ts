import { requestState } from '../common/http/request-state';
import { Leniency } from '../scim/compat/leniency';
import { Projection } from '../scim/query/list-query';
import { EntityTagCondition } from '../scim/resource/conditional';
import { ScimTenant } from './scim-tenant';

/** What every SCIM service call is made in: the request's tenant, and the dialect departures it may take. */
export interface ScimContext {
  readonly tenant: ScimTenant;
  /** The departures the tenant's `strict` setting allows, and those the request took (counted after the response). */
  readonly leniency: Leniency;
  /** The request's id (`X-Request-Id` or generated): in logs and in the detail of an unexpected error. */
  readonly requestId: string;
}

/** The conditions of a request on one resource: its If-Match, and the attributes its answer holds. */
export interface Conditions {
  readonly ifMatch?: EntityTagCondition;
  readonly projection: Projection;
}

/** The SCIM context of a request, set by the SCIM guards once its tenant is resolved. */
declare module '../common/http/request-state' {
  interface RequestState {
    scim?: ScimContext;
  }
}

/** The tenant of a SCIM request (undefined before ServerResolverGuard has run). */
export function tenantOf(request: { raw: object }): ScimTenant | undefined {
  return requestState(request.raw).scim?.tenant;
}
