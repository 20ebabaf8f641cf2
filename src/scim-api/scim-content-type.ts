import { SCIM_CONTENT_TYPE } from '../scim/constants';

/**
 * Every SCIM response body is `application/scim+json` (RFC 7644 §3.1): a JSON body that Fastify
 * serialised under a SCIM URL gets the SCIM media type. Run from an `onSend` hook (a Fastify hook
 * costs a fraction of a Nest interceptor on every request).
 */
export function useScimContentType(
  request: { url: string },
  reply: { getHeader(name: string): unknown; header(name: string, value: string): unknown },
): void {
  if (!request.url.startsWith('/scim/')) return;
  const type = reply.getHeader('content-type');
  if (typeof type === 'string' && type.startsWith('application/json')) reply.header('content-type', SCIM_CONTENT_TYPE);
}
