import { SCIM_ENDPOINTS } from '../scim-api/scim-request';
import { TOKEN_RESOURCE_TYPE } from './request-log/token-request';

/**
 * What the request log's `status` and `resourceType` filters mean, for the admin API and the CLI alike.
 * Both become conditions on the rows the (server_id, created_at, id) index scan reads.
 */

/** A status class (`4xx`) or an exact status code (`404`). */
export const STATUS_FILTER = /^[1-5](?:xx|\d\d)$/i;

export const STATUS_FILTER_RULE = 'a status class (1xx to 5xx) or a status code from 100 to 599, e.g. 4xx or 404';

/** The codes a status filter takes, as `[from, to)`: `4xx` → [400, 500), `404` → [404, 405). */
export function statusRange(status: string): [number, number] {
  if (/xx$/i.test(status)) {
    const low = Number(status[0]) * 100;
    return [low, low + 100];
  }
  return [Number(status), Number(status) + 1];
}

/** How the log stores resource types: the endpoint as routed (RFC 7644's spelling), or `token` (the OAuth token endpoint). */
const STORED_TYPES = [...SCIM_ENDPOINTS, TOKEN_RESOURCE_TYPE];

/** Stored resource type by lower-case name, SCIM's resource type names (RFC 7643 §6) among them. */
const STORED_TYPE_OF: ReadonlyMap<string, string> = new Map([
  ...STORED_TYPES.map((t): [string, string] => [t.toLowerCase(), t]),
  ['user', 'Users'],
  ['group', 'Groups'],
]);

/**
 * The stored resource type a `resourceType` filter means: an endpoint (`Users`, `Bulk`, `token`…) or
 * SCIM's name of a resource type (`User`, `Group`), in any case. Compared as stored, without lower():
 * the planner has statistics on the column, none on an expression of it — with lower() it read the
 * whole table and sorted it rather than walk the server's index.
 */
export function resourceTypeKey(resourceType: string): string {
  return STORED_TYPE_OF.get(resourceType.toLowerCase()) ?? resourceType;
}
