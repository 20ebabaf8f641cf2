import { ScimError } from '../scim/errors/scim-error';

/**
 * 429 Too Many Requests (RFC 6585) as a SCIM error: no scimType (RFC 7644's `tooMany` belongs to 400,
 * a filter with too many results), and `Retry-After` in whole seconds, at least 1.
 */
export function tooManyRequests(detail: string, retryAfterSeconds: number): ScimError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new ScimError(429, undefined, detail, { 'retry-after': String(seconds) });
}
