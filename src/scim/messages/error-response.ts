import { MESSAGE } from '../constants';
import { ScimType } from '../errors/scim-error';

/** RFC 7644 §3.12 error body. `status` is a string, as the RFC's examples and the IdPs expect. */
export interface ScimErrorResponse {
  schemas: [typeof MESSAGE.error];
  status: string;
  scimType?: ScimType;
  detail: string;
}

export function errorResponse(error: { status: number; scimType?: ScimType; detail: string }): ScimErrorResponse {
  const body: ScimErrorResponse = { schemas: [MESSAGE.error], status: String(error.status), detail: error.detail };
  if (error.scimType) body.scimType = error.scimType;
  return body;
}
