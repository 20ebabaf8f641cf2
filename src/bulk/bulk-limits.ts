/**
 * What one bulk request may hold (RFC 7644 §3.7.4), advertised in ServiceProviderConfig. The
 * global BODY_LIMIT is checked first, by Fastify, before the body is even parsed.
 */
export const BULK_MAX_OPERATIONS = 1000;
export const BULK_MAX_PAYLOAD_SIZE = 1_048_576;

/**
 * The largest bulk request accepted, in bytes: BULK_MAX_PAYLOAD_SIZE, or BODY_LIMIT when that is
 * lower (Fastify refuses a larger body before the bulk endpoint sees it).
 */
export function bulkMaxPayloadSize(bodyLimit: number): number {
  return Math.min(BULK_MAX_PAYLOAD_SIZE, bodyLimit);
}
