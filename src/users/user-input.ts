import { attributeValue } from '../scim/attribute-lookup';
import { SCHEMA } from '../scim/constants';
import { ScimError } from '../scim/errors/scim-error';

/** Attributes kept in columns or derived, and so not copied into the `data` document. */
const NOT_IN_DATA = new Set(['schemas', 'id', 'meta', 'username', 'externalid', 'displayname', 'active', 'password', 'groups']);

export interface UserInput {
  userName: string;
  externalId: string | null;
  displayName: string | null;
  active: boolean;
  password: string | null;
  data: Record<string, unknown>;
}

/** Checks a User body (POST) and splits it into columns and the rest of the document. */
export function parseUserInput(body: unknown): UserInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ScimError.badRequest('invalidSyntax', 'The request body must be a JSON object (a SCIM User)');
  }
  const input = body as Record<string, unknown>;
  const get = (name: string): unknown => attributeValue(input, name);
  const schemas = get('schemas');
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === SCHEMA.user.toLowerCase())) {
    throw ScimError.badRequest('invalidSyntax', `"schemas" must contain "${SCHEMA.user}"`);
  }
  const userName = get('userName');
  if (typeof userName !== 'string' || userName.trim() === '') {
    throw ScimError.badRequest('invalidValue', 'userName is required and must be a non-empty string');
  }
  const active = get('active');
  if (active !== undefined && active !== null && typeof active !== 'boolean') {
    throw ScimError.badRequest('invalidValue', 'active must be a boolean');
  }
  const data = Object.fromEntries(Object.entries(input).filter(([k, v]) => !NOT_IN_DATA.has(k.toLowerCase()) && v !== null));
  return {
    userName,
    externalId: optionalString(get('externalId'), 'externalId'),
    displayName: optionalString(get('displayName'), 'displayName'),
    active: active ?? true,
    password: optionalString(get('password'), 'password'),
    data,
  };
}

export function optionalString(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw ScimError.badRequest('invalidValue', `${name} must be a string`);
  return value;
}
