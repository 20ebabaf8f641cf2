import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { requestState } from '../common/http/request-state';
import { ListQuery, listQueryFromSearch, listQueryFromUrl, projectionFromUrl } from '../scim/query/list-query';
import { resourceIdOf } from '../scim/resource/resource-id';
import { Conditions, ScimContext } from '../tenancy/scim-context';
import { ifMatchOf } from './request-headers';

/** The resource type whose schemas a request's `attributes`, filter or sort are read against. */
type Resource = 'users' | 'groups';

type Params = Record<string, unknown>;

/** What `/<Resource>/:id` names: the resource, and the conditions of the request on it. */
export interface ResourceTarget {
  readonly id: string;
  readonly conditions: Conditions;
}

/** Which parts of a request on one resource the handler needs. */
interface TargetReading {
  /** Read `attributes`/`excludedAttributes` against this type's schemas (else: the whole resource). */
  readonly of?: Resource;
  readonly ifMatch?: boolean;
}

const WHOLE_RESOURCE = Object.freeze({});

function scimOf(context: ExecutionContext): { request: FastifyRequest; scim: ScimContext } {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const scim = requestState(request.raw).scim;
  if (!scim) throw new Error('a SCIM parameter decorator used on a route without ServerResolverGuard');
  return { request, scim };
}

/** The request's SCIM context (its tenant and leniency), set by ServerResolverGuard. Never refuses a request. */
export const Scim = createParamDecorator((_: unknown, context: ExecutionContext): ScimContext => scimOf(context).scim);

/**
 * The resource `/<Resource>/:id` names and the request's conditions on it, read in a fixed order so
 * that a request with several faults is always refused for the same one: the id (404 unless a
 * UUID), then If-Match (400), then the projection (400). The only one of a handler's parameters that
 * refuses a request: Nest resolves parameters concurrently, so two could race for the answer.
 */
export const Target = createParamDecorator((reading: TargetReading, context: ExecutionContext): ResourceTarget => {
  const { request, scim } = scimOf(context);
  const id = resourceIdOf((request.params as Record<string, string>).id);
  const ifMatch = reading.ifMatch ? ifMatchOf(request) : undefined;
  const projection = reading.of
    ? projectionFromUrl(request.query as Params, scim.tenant.schemas[reading.of], scim.leniency)
    : WHOLE_RESOURCE;
  return { id, conditions: { ifMatch, projection } };
});

/** A create's conditions: the projection of its answer. */
export const CreateConditions = createParamDecorator((of: Resource, context: ExecutionContext): Conditions => {
  const { request, scim } = scimOf(context);
  return { projection: projectionFromUrl(request.query as Params, scim.tenant.schemas[of], scim.leniency) };
});

/** A list request from the query string (GET /<Resource>). */
export const ListRequest = createParamDecorator((of: Resource, context: ExecutionContext): ListQuery => {
  const { request, scim } = scimOf(context);
  return listQueryFromUrl(request.query as Params, scim.tenant.schemas[of], scim.leniency);
});

/** The request's Content-Length as declared (Bulk compares it with `maxPayloadSize`), undefined when absent. */
export const DeclaredLength = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<FastifyRequest>().headers['content-length'],
);

/** A list request from a SearchRequest body (POST /<Resource>/.search). */
export const SearchRequest = createParamDecorator((of: Resource, context: ExecutionContext): ListQuery => {
  const { request, scim } = scimOf(context);
  return listQueryFromSearch(request.body, scim.tenant.schemas[of], scim.leniency);
});
