import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { SCIM_CONTENT_TYPE } from '../scim/constants';
import { listResponse, ListResponse, Page } from '../scim/messages/list-response';
import { StreamedResource } from '../scim/resource/streamed-resource';

/** A Readable of a resource's chunks, for a response body. */
export function resourceStream(resource: StreamedResource): Readable {
  return Readable.from(resource.chunks(), { objectMode: false });
}

/**
 * The ListResponse of a page: a plain object when every resource is, else a stream that writes the
 * envelope and each resource in turn, streamed ones chunk by chunk.
 */
export function sendList(page: Page<unknown>): ListResponse<unknown> | StreamableFile {
  if (!page.resources.some((r) => r instanceof StreamedResource)) return listResponse(page);
  const envelope = JSON.stringify(listResponse({ ...page, resources: [] }));
  return new StreamableFile(Readable.from(listChunks(envelope.slice(0, -2), page.resources), { objectMode: false }), {
    type: SCIM_CONTENT_TYPE,
  });
}

async function* listChunks(prefix: string, resources: unknown[]): AsyncIterable<string> {
  // Nothing is written before the first read succeeded: a failure then is still an error response.
  let pending = prefix;
  for (const [i, resource] of resources.entries()) {
    if (i > 0) pending += ',';
    if (resource instanceof StreamedResource) {
      for await (const chunk of resource.chunks()) {
        yield pending + chunk;
        pending = '';
      }
    } else {
      pending += JSON.stringify(resource);
    }
  }
  yield `${pending}]}`;
}
