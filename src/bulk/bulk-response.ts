import { HttpError } from '../common/errors/http-error';
import { MESSAGE } from '../scim/constants';
import { errorResponse, ScimErrorResponse } from '../scim/messages/error-response';
import { BulkMethod, BulkOperation } from './bulk-request';

/** The outcome of one operation (RFC 7644 §3.7.3). `status` is a string, as in the RFC's examples. */
export interface BulkOperationResponse {
  method: BulkMethod;
  bulkId?: string;
  location?: string;
  version?: string;
  status: string;
  /** The SCIM Error of a failed operation; a success carries no resource (the RFC lets a server leave it out). */
  response?: ScimErrorResponse;
}

export interface BulkResponse {
  schemas: [typeof MESSAGE.bulkResponse];
  Operations: BulkOperationResponse[];
}

/** The outcomes in request order; operations not processed (failOnErrors reached) are left out. */
export function bulkResponse(outcomes: ReadonlyMap<number, BulkOperationResponse>): BulkResponse {
  return {
    schemas: [MESSAGE.bulkResponse],
    Operations: [...outcomes].sort(([a], [b]) => a - b).map(([, outcome]) => outcome),
  };
}

export function succeeded(
  operation: BulkOperation,
  status: number,
  location: string,
  version?: string,
): BulkOperationResponse {
  return { ...head(operation), location, ...(version !== undefined && { version }), status: String(status) };
}

/** `location` names the target of a PUT, PATCH or DELETE when known; a failed POST has none (RFC 7644 §3.7). */
export function failed(
  operation: BulkOperation,
  error: Pick<HttpError, 'status' | 'scimType' | 'detail'>,
  location?: string,
): BulkOperationResponse {
  return {
    ...head(operation),
    ...(location !== undefined && { location }),
    status: String(error.status),
    response: errorResponse(error),
  };
}

function head({ method, bulkId }: BulkOperation): Pick<BulkOperationResponse, 'method' | 'bulkId'> {
  return { method, ...(bulkId !== undefined && { bulkId }) };
}
