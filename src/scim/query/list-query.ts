import { AttrPath, Filter, parseFilter } from '../filter';
import { parseAttrPath } from '../filter/attr-path';
import { FILTER_SYNTAX } from '../filter/lexer';
import { Leniency } from '../compat/leniency';
import { qualifiedPath, qualifyFilter } from '../compat/qualify';
import { MESSAGE } from '../constants';
import { ScimError } from '../errors/scim-error';
import { member } from '../json';
import { parseAttributeList, ResourceSchemas } from '../resource';
import { SortOrder, sortByError } from '../sql/compile-sort';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_START_INDEX } from './paging';

/** What a list or search request asks for (RFC 7644 §3.4.2 query parameters, §3.4.3 SearchRequest). */
export interface ListQuery {
  filter?: Filter;
  sortBy?: AttrPath;
  sortOrder: SortOrder;
  startIndex: number;
  count: number;
  /** RFC 9865: present (possibly empty, for the first page) when the client pages by cursor. */
  cursor?: string;
  projection: Projection;
}

export interface Projection {
  attributes?: string[];
  excludedAttributes?: string[];
}

type Params = Record<string, unknown>;

/** The paging and sorting parameters as the request gave them (query string or SearchRequest), before defaults. */
interface RawListParameters {
  filter: string | undefined;
  sortBy: string | undefined;
  sortOrder: string | undefined;
  startIndex: number | undefined;
  count: number | undefined;
}

/**
 * Reads a list request from the query string (GET). Unknown parameters are ignored. With a
 * `leniency`, unquoted filter values and value filters in `attributes` are taken (and recorded).
 */
export function listQueryFromUrl(query: Params, schemas: ResourceSchemas, leniency?: Leniency): ListQuery {
  const text = (name: string) => stringParam(query, name);
  const list = build(
    {
      filter: text('filter'),
      sortBy: text('sortBy'),
      sortOrder: text('sortOrder'),
      startIndex: intParam(query, 'startIndex'),
      count: intParam(query, 'count'),
    },
    projectionOf(text('attributes'), text('excludedAttributes'), schemas, leniency),
    schemas,
    leniency,
  );
  return withCursor(list, text('cursor'), text('startIndex') !== undefined);
}

/** Reads a SearchRequest body (POST …/.search). */
export function listQueryFromSearch(body: unknown, schemas: ResourceSchemas, leniency?: Leniency): ListQuery {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ScimError.badRequest('invalidSyntax', 'The request body must be a SearchRequest JSON object');
  }
  const request = body as Params;
  const declared = member(request, 'schemas');
  if (
    !Array.isArray(declared) ||
    !declared.some((s) => typeof s === 'string' && s.toLowerCase() === MESSAGE.searchRequest.toLowerCase())
  ) {
    throw ScimError.badRequest('invalidSyntax', `"schemas" must contain "${MESSAGE.searchRequest}"`);
  }
  const list = (name: string): string | undefined => {
    const value = member(request, name);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
    throw ScimError.badRequest('invalidValue', `"${name}" must be an array of attribute names`);
  };
  const text = (name: string): string | undefined => {
    const value = member(request, name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw ScimError.badRequest('invalidValue', `"${name}" must be a string`);
    return value;
  };
  const int = (name: string): number | undefined => {
    const value = member(request, name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw ScimError.badRequest('invalidValue', `"${name}" must be an integer`);
    return value;
  };
  const built = build(
    {
      filter: text('filter'),
      sortBy: text('sortBy'),
      sortOrder: text('sortOrder'),
      startIndex: int('startIndex'),
      count: int('count'),
    },
    projectionOf(list('attributes'), list('excludedAttributes'), schemas, leniency),
    schemas,
    leniency,
  );
  return withCursor(built, text('cursor'), int('startIndex') !== undefined);
}

/** RFC 9865: `cursor` (empty for the first page) selects cursor paging; it excludes `startIndex`. */
function withCursor(query: ListQuery, cursor: string | undefined, hasStartIndex: boolean): ListQuery {
  if (cursor === undefined) return query;
  if (hasStartIndex)
    throw ScimError.badRequest(
      'invalidValue',
      'Use either startIndex (index paging) or cursor (cursor paging), not both',
    );
  return { ...query, cursor: cursor.trim() };
}

/** attributes / excludedAttributes of a single-resource request (GET by id, POST, PUT, PATCH). */
export function projectionFromUrl(query: Params, schemas: ResourceSchemas, leniency?: Leniency): Projection {
  return projectionOf(stringParam(query, 'attributes'), stringParam(query, 'excludedAttributes'), schemas, leniency);
}

function projectionOf(
  attributes: string | undefined,
  excluded: string | undefined,
  schemas: ResourceSchemas,
  leniency: Leniency | undefined,
): Projection {
  return {
    attributes: parseAttributeList(attributes, schemas, 'attributes', leniency),
    excludedAttributes: parseAttributeList(excluded, schemas, 'excludedAttributes', leniency),
  };
}

/**
 * RFC 7644 §3.4.2.4: a startIndex below 1 is read as 1, a count below 0 as 0 and one above the maximum
 * as the maximum. A startIndex beyond any table (1e308 is an integer too) is read as {@link MAX_START_INDEX},
 * which still fits PostgreSQL's bigint OFFSET: an empty page, never "bigint out of range".
 */
function build(
  given: RawListParameters,
  projection: Projection,
  schemas: ResourceSchemas,
  leniency: Leniency | undefined,
): ListQuery {
  const { filter, sortBy, sortOrder, startIndex, count } = given;
  return {
    filter:
      filter === undefined || filter.trim() === ''
        ? undefined
        : qualifyFilter(parseFilter(filter, { leniency }), schemas, leniency),
    sortBy:
      sortBy === undefined || sortBy.trim() === ''
        ? undefined
        : qualifiedPath(parseSortBy(sortBy.trim()), schemas, leniency),
    sortOrder: parseSortOrder(sortOrder),
    startIndex: Math.min(MAX_START_INDEX, Math.max(1, startIndex ?? 1)),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, count ?? DEFAULT_PAGE_SIZE)),
    projection,
  };
}

function parseSortBy(text: string): AttrPath {
  try {
    return parseAttrPath(text, 0, FILTER_SYNTAX);
  } catch (error) {
    throw sortByError(error, text);
  }
}

function parseSortOrder(value: string | undefined): SortOrder {
  if (value === undefined || value === '') return 'ascending';
  const order = value.toLowerCase();
  if (order === 'ascending' || order === 'descending') return order;
  throw ScimError.badRequest('invalidValue', `sortOrder must be "ascending" or "descending", not "${value}"`);
}

function stringParam(query: Params, name: string): string | undefined {
  const value = member(query, name);
  if (value === undefined) return undefined;
  if (Array.isArray(value))
    throw ScimError.badRequest('invalidValue', `Query parameter ${name} is given more than once`);
  return String(value);
}

function intParam(query: Params, name: string): number | undefined {
  const raw = stringParam(query, name);
  if (raw === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(raw.trim()))
    throw ScimError.badRequest('invalidValue', `Query parameter ${name} must be an integer`);
  return Number(raw);
}
