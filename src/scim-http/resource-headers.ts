import { FastifyReply } from 'fastify';

/** ETag (and Location on create) from the resource's own `meta` (RFC 7644 §3.1, §3.14). */
export function setResourceHeaders(reply: FastifyReply, resource: Record<string, unknown>, created = false): void {
  const meta = resource.meta as { location?: string; version?: string } | undefined;
  if (meta?.version) reply.header('etag', meta.version);
  if (created && meta?.location) reply.header('location', meta.location);
}
