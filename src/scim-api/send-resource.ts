import { StreamableFile } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import type {} from '../audit-log/request-log/captured-request';
import { requestState } from '../common/http/request-state';
import { SCIM_CONTENT_TYPE } from '../scim/constants';
import { etagOf } from '../scim/resource/locations';
import { ResourceResponse } from '../scim/resource/resource-response';
import { resourceStream } from './streamed-list';

/** The notes a handler answered with, for the request log (it reads them when the response is finished). */
function keepNotes(reply: FastifyReply, response: ResourceResponse): void {
  if (response.notes) requestState(reply.request.raw).notes = response.notes;
}

/** ETag always; Location on create (RFC 7644 §3.1, §3.14). Returns the body for the handler. */
export function sendResource(
  reply: FastifyReply,
  response: ResourceResponse,
  created = false,
): Record<string, unknown> | StreamableFile {
  keepNotes(reply, response);
  reply.header('etag', etagOf(response.version));
  if (created) reply.header('location', response.location);
  return response.streamed
    ? new StreamableFile(resourceStream(response.streamed), { type: SCIM_CONTENT_TYPE })
    : response.body;
}

/** PATCH success as the server's settings say: 200 with the resource, or 204 with only the ETag. */
export function sendPatched(
  reply: FastifyReply,
  response: ResourceResponse,
  patchStatus: 200 | 204,
): Record<string, unknown> | StreamableFile | undefined {
  if (patchStatus === 204) {
    keepNotes(reply, response);
    reply.status(204).header('etag', etagOf(response.version));
    return undefined;
  }
  return sendResource(reply, response);
}
