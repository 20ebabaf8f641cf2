/**
 * What the layers of one request tell each other (the SCIM guards its tenant, a handler its notes for
 * the request log…), in one typed object kept on the raw Node request: the URL rewrite sees only
 * that one, and Fastify's request wraps it. `common/` knows none of the fields: each feature module
 * adds its own by declaration merging, next to the code that sets them:
 *
 *     declare module '../common/http/request-state' {
 *       interface RequestState { tenant?: ScimTenant }
 *     }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RequestState {}

const STATE = Symbol('requestState');

interface Holder {
  [STATE]?: RequestState;
}

/** The state of the request whose raw Node request is `raw` (`request.raw` of a Fastify request); created on first use. */
export function requestState(raw: object): RequestState {
  return ((raw as Holder)[STATE] ??= {});
}
