import { ScimError } from '../errors/scim-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Resource ids are UUIDs (lower case); anything else names no resource: 404, as for an unknown id. */
export function resourceIdOf(value: string): string {
  if (!UUID.test(value)) throw ScimError.notFound(`Resource ${value} not found`);
  return value.toLowerCase();
}
