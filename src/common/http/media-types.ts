import { HttpError } from '../errors/http-error';

export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** The SCIM URLs take SCIM's media type and plain JSON (RFC 7644 §3.1); /oauth takes forms (RFC 6749 §4.1.3); the rest JSON. */
export function acceptedMediaTypes(url: string): readonly string[] {
  if (url.startsWith('/scim/')) return ['application/scim+json', 'application/json'];
  if (url.startsWith('/oauth/')) return [FORM_MEDIA_TYPE];
  return ['application/json'];
}

/** Whether a route takes form bodies (curl's `-d` sends one): the OAuth token endpoint and approval form only. */
export function takesForms(url: string): boolean {
  return acceptedMediaTypes(url).includes(FORM_MEDIA_TYPE);
}

/** A media type as sent, without its parameters (`; charset=…`), lower case, cut to a sane length. */
export function mediaTypeOf(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const type = header.split(';')[0].trim().toLowerCase();
  if (type === '') return undefined;
  return type.length > 100 ? `${type.slice(0, 100)}…` : type;
}

/**
 * The 415 answer to a body of a type the route does not take: the type sent and the ones it takes, in
 * the detail and — for POST and PATCH — in `Accept-Post` / `Accept-Patch` (RFC 5789 §2.2), so that the
 * misleading validation errors of a body read as the wrong type never arise.
 */
export function unsupportedMediaType(request: {
  url: string;
  method: string;
  headers: Record<string, unknown>;
}): HttpError {
  const accepted = acceptedMediaTypes(request.url);
  const sent = mediaTypeOf(request.headers['content-type']);
  const hint =
    sent === FORM_MEDIA_TYPE ? ` (curl's -d sends a form unless -H 'Content-Type: ${accepted[0]}' is given)` : '';
  const detail = `${sent ? `The request body is ${sent}` : 'The request body has no Content-Type'}; send it as ${accepted.join(' or ')}${hint}`;
  const header = ACCEPT_HEADERS[request.method.toUpperCase()];
  return { status: 415, detail, headers: header ? { [header]: accepted.join(', ') } : {} };
}

const ACCEPT_HEADERS: Record<string, string> = { POST: 'accept-post', PATCH: 'accept-patch' };

/** Fastify's refusal of a body no parser takes, and ours of a form outside /oauth. */
export function isUnsupportedMediaType(exception: unknown): boolean {
  return (exception as { code?: unknown } | null)?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE';
}
