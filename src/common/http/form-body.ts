import { errorCodes } from 'fastify';
import { parse } from 'node:querystring';
import { takesForms } from './media-types';

/** The part of a Fastify instance used here (Nest bundles its own copy of Fastify's types). */
interface ParserTarget {
  addContentTypeParser(
    type: string,
    options: { parseAs: 'string' },
    parser: (request: { url: string }, body: string, done: (error: Error | null, body?: unknown) => void) => void,
  ): unknown;
}

/**
 * Form bodies (`application/x-www-form-urlencoded`) for the routes that take them — the OAuth 2.0
 * token endpoint and the approval form (RFC 6749 §4.1.3). Anywhere else a form is refused as Fastify
 * refuses a type it has no parser for (415, see unsupportedMediaType): read as an object, curl's
 * `-d 'name=x'` would pass the admin API's validation and create a server named x, and a SCIM body
 * would fail with validation errors that point the wrong way. An empty body is no body (as for JSON).
 */
export function installFormBody(fastify: ParserTarget): void {
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    if (!takesForms(request.url)) return done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE());
    done(null, { ...parse(body) });
  });
}
