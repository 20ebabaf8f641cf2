import { isUuid } from '../common/uuid';
import { attributeValue } from '../scim/attribute-lookup';
import { SCHEMA } from '../scim/constants';
import { ScimError } from '../scim/errors/scim-error';
import { optionalString } from '../users/user-input';

const NOT_IN_DATA = new Set(['schemas', 'id', 'meta', 'displayname', 'externalid', 'members']);

export interface GroupInput {
  displayName: string;
  externalId: string | null;
  memberIds: string[];
  data: Record<string, unknown>;
}

/** Checks a Group body (POST) and splits it into columns, member ids and the rest of the document. */
export function parseGroupInput(body: unknown): GroupInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ScimError.badRequest('invalidSyntax', 'The request body must be a JSON object (a SCIM Group)');
  }
  const input = body as Record<string, unknown>;
  const get = (name: string): unknown => attributeValue(input, name);
  const schemas = get('schemas');
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === SCHEMA.group.toLowerCase())) {
    throw ScimError.badRequest('invalidSyntax', `"schemas" must contain "${SCHEMA.group}"`);
  }
  const displayName = get('displayName');
  if (typeof displayName !== 'string' || displayName.trim() === '') {
    throw ScimError.badRequest('invalidValue', 'displayName is required and must be a non-empty string');
  }
  return {
    displayName,
    externalId: optionalString(get('externalId'), 'externalId'),
    memberIds: memberIds(get('members')),
    data: Object.fromEntries(Object.entries(input).filter(([k, v]) => !NOT_IN_DATA.has(k.toLowerCase()) && v !== null)),
  };
}

function memberIds(members: unknown): string[] {
  if (members === undefined || members === null) return [];
  if (!Array.isArray(members)) throw ScimError.badRequest('invalidValue', 'members must be an array of {"value": "<id>"}');
  const ids = members.map((m, i) => {
    const value = (m as { value?: unknown } | null)?.value;
    if (!isUuid(value)) throw ScimError.badRequest('invalidValue', `members[${i}].value must be the id of a User or Group of this server`);
    return value.toLowerCase();
  });
  return [...new Set(ids)];
}
