import { ScimError } from '../scim/errors/scim-error';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
  startIndex: number;
  count: number;
}

/** RFC 7644 §3.4.2.4: startIndex is 1-based (< 1 reads as 1); count < 0 reads as 0, capped at the maximum. */
export function parsePaging(query: Record<string, unknown>): PageRequest {
  return {
    startIndex: Math.max(1, integerParam(query, 'startIndex') ?? 1),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, integerParam(query, 'count') ?? DEFAULT_PAGE_SIZE)),
  };
}

function integerParam(query: Record<string, unknown>, name: string): number | undefined {
  const key = Object.keys(query).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined) return undefined;
  const raw = query[key];
  if (typeof raw !== 'string' || !/^-?\d{1,15}$/.test(raw.trim())) {
    throw ScimError.badRequest('invalidValue', `Query parameter ${name} must be an integer`);
  }
  return Number(raw);
}

/** Filtering arrives with the full filter grammar; until then a filter is refused, never ignored. */
export function refuseFilter(query: Record<string, unknown>): void {
  if (Object.keys(query).some((k) => k.toLowerCase() === 'filter')) {
    throw ScimError.badRequest('invalidFilter', 'Filtering is not supported by this server yet (see ServiceProviderConfig.filter)');
  }
}
