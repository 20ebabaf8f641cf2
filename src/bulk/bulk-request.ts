import { MESSAGE } from '../scim/constants';
import { ScimError } from '../scim/errors/scim-error';
import { EntityTagCondition, parseEntityTags } from '../scim/resource/conditional';
import { ResourceEndpoint } from '../scim/resource/locations';
import { BULK_MAX_OPERATIONS, BULK_MAX_PAYLOAD_SIZE } from './bulk-limits';
import { isJsonObject, member } from '../scim/json';

export const BULK_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type BulkMethod = (typeof BULK_METHODS)[number];

/** One operation of a BulkRequest (RFC 7644 §3.7), checked but not yet resolved. */
export interface BulkOperation {
  /** Position in the request's `Operations`: the response keeps this order. */
  index: number;
  method: BulkMethod;
  bulkId?: string;
  /** `version`, the operation's If-Match (not kept for POST). */
  ifMatch?: EntityTagCondition;
  endpoint: ResourceEndpoint;
  /** The id segment of `path` as sent — possibly a `bulkId:<id>` reference; absent for POST. */
  id?: string;
  /** The resource (POST, PUT) or PatchOp (PATCH) body; absent for DELETE. */
  data?: Record<string, unknown>;
}

export interface BulkRequest {
  /** Stop after this many failed operations (absent: process them all). */
  failOnErrors?: number;
  operations: BulkOperation[];
}

type Json = Record<string, unknown>;

/**
 * Size of the bulk request in bytes, for maxPayloadSize: the Content-Length the client sent, which is
 * the raw body exactly; without one (chunked transfer), the parsed body serialized again — the same
 * JSON without its insignificant whitespace, so never more than what was sent.
 */
export function payloadSizeOf(contentLength: string | undefined, body: unknown): number {
  if (contentLength !== undefined && /^\d{1,15}$/.test(contentLength.trim())) return Number(contentLength);
  return Buffer.byteLength(JSON.stringify(body) ?? '');
}

/**
 * Checks a BulkRequest strictly (attribute names case-insensitive, as everywhere in SCIM): a malformed
 * envelope or operation is 400 invalidSyntax naming the field, and nothing of the request runs; too
 * large a request is 413 (RFC 7644 §3.7.4). What only running an operation can tell (its data, its
 * target, its version) becomes that operation's own error later.
 */
export function parseBulkRequest(body: unknown, payloadSize: number): BulkRequest {
  if (payloadSize > BULK_MAX_PAYLOAD_SIZE) {
    throw new ScimError(
      413,
      undefined,
      `The size of the bulk operation (${payloadSize} bytes) exceeds the maxPayloadSize (${BULK_MAX_PAYLOAD_SIZE})`,
    );
  }
  if (!isJsonObject(body)) throw invalid('The request body must be a BulkRequest JSON object');
  const schemas = member(body, 'schemas');
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === MESSAGE.bulkRequest.toLowerCase())
  ) {
    throw invalid(`"schemas" must contain "${MESSAGE.bulkRequest}"`);
  }
  const failOnErrors = member(body, 'failOnErrors') ?? undefined;
  if (
    failOnErrors !== undefined &&
    !(typeof failOnErrors === 'number' && Number.isInteger(failOnErrors) && failOnErrors >= 1)
  ) {
    throw invalid('"failOnErrors" must be a positive integer');
  }
  const operations = member(body, 'Operations');
  if (!Array.isArray(operations)) throw invalid('"Operations" must be an array of operations');
  if (operations.length > BULK_MAX_OPERATIONS) {
    throw new ScimError(
      413,
      undefined,
      `The number of operations (${operations.length}) exceeds the maxOperations (${BULK_MAX_OPERATIONS})`,
    );
  }
  const parsed = operations.map(parseOperation);
  checkBulkIdsUnique(parsed);
  return { ...(failOnErrors !== undefined && { failOnErrors: failOnErrors as number }), operations: parsed };
}

function parseOperation(raw: unknown, index: number): BulkOperation {
  const field = (name: string) => `Operations[${index}].${name}`;
  if (!isJsonObject(raw)) throw invalid(`Operations[${index}] must be an object`);

  const rawMethod = member(raw, 'method');
  const method = typeof rawMethod === 'string' ? BULK_METHODS.find((m) => m === rawMethod.toUpperCase()) : undefined;
  if (!method) throw invalid(`${field('method')} must be one of ${BULK_METHODS.join(', ')}`);

  const bulkId = member(raw, 'bulkId') ?? undefined;
  if (bulkId === undefined && method === 'POST') throw invalid(`${field('bulkId')} is required with POST`);
  if (bulkId !== undefined && (typeof bulkId !== 'string' || bulkId === ''))
    throw invalid(`${field('bulkId')} must be a non-empty string`);

  const target = parsePath(member(raw, 'path'), method);
  if (!target) {
    const form = method === 'POST' ? '/Users or /Groups' : '/Users/<id> or /Groups/<id>';
    throw invalid(`${field('path')} must be ${form} with ${method}`);
  }

  const version = member(raw, 'version') ?? undefined;
  if (version !== undefined && typeof version !== 'string')
    throw invalid(`${field('version')} must be an entity tag such as W/"3"`);
  const ifMatch = parseVersion(version, field('version'));

  const data = member(raw, 'data') ?? undefined;
  if (method === 'DELETE' && data !== undefined) throw invalid(`${field('data')} is not allowed with DELETE`);
  if (method !== 'DELETE' && !isJsonObject(data))
    throw invalid(`${field('data')} must be a JSON object with ${method}`);

  return {
    index,
    method,
    ...(bulkId !== undefined && { bulkId: bulkId as string }),
    ...(ifMatch !== undefined && method !== 'POST' && { ifMatch }),
    endpoint: target.endpoint,
    ...(target.id !== undefined && { id: target.id }),
    ...(data !== undefined && { data: data as Json }),
  };
}

/** `/Users`, `/Groups` for POST; `/Users/<id>`, `/Groups/<id>` otherwise (the id may be `bulkId:<id>`). */
function parsePath(path: unknown, method: BulkMethod): { endpoint: ResourceEndpoint; id?: string } | undefined {
  if (typeof path !== 'string') return undefined;
  const match = /^\/(Users|Groups)(?:\/([^/?#]+))?$/.exec(path);
  if (!match || (method === 'POST') !== (match[2] === undefined)) return undefined;
  return { endpoint: match[1] as ResourceEndpoint, ...(match[2] !== undefined && { id: match[2] }) };
}

function parseVersion(version: string | undefined, field: string): EntityTagCondition | undefined {
  try {
    return parseEntityTags(version);
  } catch (e) {
    throw e instanceof ScimError ? invalid(`${field}: ${e.detail}`) : e;
  }
}

/** bulkIds are "unique within a bulk request" (RFC 7644 §3.7). */
function checkBulkIdsUnique(operations: BulkOperation[]): void {
  const seen = new Map<string, number>();
  for (const { bulkId, index } of operations) {
    if (bulkId === undefined) continue;
    const first = seen.get(bulkId);
    if (first !== undefined)
      throw invalid(`Operations[${index}].bulkId ${JSON.stringify(bulkId)} is already used by Operations[${first}]`);
    seen.set(bulkId, index);
  }
}

function invalid(detail: string): ScimError {
  return ScimError.badRequest('invalidSyntax', detail);
}
