import { SecurityMethod } from '../servers/security-method';

/** Who is calling a server's SCIM URL: the same shape whatever the security method. */
export interface ScimPrincipal {
  serverId: string;
  method: SecurityMethod;
  /** The credential that authenticated the request; null for the `none` method. */
  credentialId: string | null;
}

/** A request once a SCIM authentication guard (or its Passport strategy) has named its principal. */
export interface AuthenticatedRequest {
  user?: ScimPrincipal;
}
