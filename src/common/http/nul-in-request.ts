import { FastifyRequest } from 'fastify';
import { IncomingHttpHeaders } from 'node:http';
import { ScimError } from '../../scim/errors/scim-error';

/** Where a request's URL or headers hold a NUL character (U+0000), and which parameter it is in. */
export interface NulPlace {
  detail: string;
  /** The query parameter that holds it (`filter` is refused as `invalidFilter`). */
  parameter?: string;
  /** Whether it is in a header (refused at once: the guards read headers) or in the URL. */
  inHeader?: boolean;
}

// eslint-disable-next-line no-control-regex -- NUL is what it finds
const ENCODED_NUL = /%00|\u0000/i;

/**
 * Finds a NUL in the path (`/Users/%00`), in a query parameter's name or value (`filter=…%00…`,
 * `attributes=userName%00`) or in a header value. PostgreSQL stores no NUL in text, and every part of
 * a request reaches it somewhere (the ids in lookups, the query and headers in the request log): such
 * a request is refused before anything reads it. A header's value is never shown (it may be a secret).
 */
export function findNul(url: string, headers: IncomingHttpHeaders): NulPlace | undefined {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  if (ENCODED_NUL.test(path))
    return { detail: 'The request path holds a NUL character (%00); it names no resource: remove it' };
  if (queryAt >= 0) {
    for (const pair of url.slice(queryAt + 1).split('&')) {
      if (!ENCODED_NUL.test(pair)) continue;
      const equals = pair.indexOf('=');
      const name = decode(equals < 0 ? pair : pair.slice(0, equals));
      if (ENCODED_NUL.test(name) || name.includes('\u0000'))
        return { detail: 'A query parameter name holds a NUL character (%00): remove it' };
      return {
        parameter: name,
        detail: `The query parameter ${name} holds a NUL character (%00); it cannot be stored or compared: remove it`,
      };
    }
  }
  for (const [name, value] of Object.entries(headers)) {
    const values = Array.isArray(value) ? value : [value ?? ''];
    if (values.some((v) => v.includes('\u0000')))
      return { inHeader: true, detail: `The header ${name} holds a NUL character: remove it` };
  }
  return undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The SCIM error for such a request: `invalidFilter` for the filter, `invalidValue` elsewhere. */
export function nulError(place: NulPlace): ScimError {
  return ScimError.badRequest(
    place.parameter?.toLowerCase() === 'filter' ? 'invalidFilter' : 'invalidValue',
    place.detail,
  );
}

/** The part of a Fastify instance used here (Nest's nested Fastify types and the top-level ones differ). */
interface HookTarget {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  addHook(name: 'onRequest', hook: (...args: any[]) => void): unknown;
}

/** SCIM requests whose URL holds a NUL, held until their identity server's client is known (see heldNulError). */
const held = new WeakMap<object, ScimError>();

/**
 * Refuses a request holding a NUL in its URL or headers with a 400 (onRequest: before the routes, the
 * body and anything that reads the database). A SCIM request whose URL holds one is let through to its
 * guards instead — nothing before them reads the resource id or the query — and refused by the last of
 * them (heldNulError), like a malformed body: a stranger still gets 401, and the refusal reaches the
 * server's request log ("why did Okta get a 400?"). Under /scim the answer is a SCIM Error, elsewhere
 * the admin API's JSON (the error writer tells them apart).
 */
export function refuseNulCharacters(fastify: HookTarget): void {
  fastify.addHook('onRequest', (request: FastifyRequest, _reply: unknown, done: (error?: Error) => void) => {
    const place = findNul(request.raw.url ?? request.url, request.headers);
    if (!place) return done();
    if (!place.inHeader && request.url.startsWith('/scim/')) {
      held.set(request.raw, nulError(place));
      return done();
    }
    done(nulError(place));
  });
}

/** The refusal held for a SCIM request whose URL holds a NUL (`raw`: Fastify's `request.raw`), if any. */
export function heldNulError(raw: object): ScimError | undefined {
  return held.get(raw);
}
