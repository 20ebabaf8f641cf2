import { FastifyReply, FastifyRequest } from 'fastify';
import { EntityTagCondition, parseEntityTags, tagMatches } from '../scim/resource/conditional';
import { etagOf } from '../scim/resource/locations';
import { ResourceResponse } from '../scim/resource/resource-response';

export function ifMatchOf(request: FastifyRequest): EntityTagCondition | undefined {
  return parseEntityTags(request.headers['if-match']);
}

/**
 * GET with If-None-Match: when the client's version is current, answer 304 Not Modified with the
 * ETag and no body (RFC 7644 §3.14). Returns true when it did.
 */
export function notModified(reply: FastifyReply, response: ResourceResponse): boolean {
  const condition = parseEntityTags(reply.request.headers['if-none-match']);
  if (condition === undefined || !tagMatches(condition, response.version)) return false;
  reply.status(304).header('etag', etagOf(response.version));
  return true;
}
