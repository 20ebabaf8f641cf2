import { MESSAGE, SCHEMA } from '../constants';
import { GROUP_RESOURCE, ResourceSchemas, USER_RESOURCE } from '../resource';
import { applyPatch } from './apply';
import { parsePatchRequest } from './parse-request';
import { ApplyOptions, PatchOperation, PatchResult } from './types';

/* Test data for the PATCH specs. Functions return fresh copies so tests cannot share state. */

export const ENTERPRISE = SCHEMA.enterpriseUser;
export const BABS = '2819c223-7f76-453a-919d-413861904646';
export const JAMES = '08e1d05d-121c-4561-8b96-473d93df9210';
export const MANAGER = '26118915-6090-4610-87e4-49d8ca9f808d';

/** A PatchOp request body with these operations. */
export function request(...operations: unknown[]): Record<string, unknown> {
  return { schemas: [MESSAGE.patchOp], Operations: operations };
}

/** The parsed operations of a request. */
export function ops(...operations: unknown[]): PatchOperation[] {
  return parsePatchRequest(request(...operations));
}

/** A small User in canonical form. */
export function user(): Record<string, unknown> {
  return {
    schemas: [SCHEMA.user],
    id: BABS,
    userName: 'bjensen',
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    displayName: 'Babs Jensen',
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    addresses: [
      { type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood', primary: true },
      { type: 'home', streetAddress: '456 Hollywood Blvd', locality: 'Hollywood' },
    ],
    meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', version: 'W/"1"' },
  };
}

/** The small User with the Enterprise extension. */
export function enterpriseUser(): Record<string, unknown> {
  return {
    ...user(),
    schemas: [SCHEMA.user, ENTERPRISE],
    [ENTERPRISE]: { department: 'Tour Operations', manager: { value: MANAGER, displayName: 'John Smith' } },
  };
}

/** A Group with Babs as its member. */
export function group(): Record<string, unknown> {
  return {
    schemas: [SCHEMA.group],
    id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
    displayName: 'Tour Guides',
    members: [{ value: BABS, $ref: `https://example.com/v2/Users/${BABS}`, display: 'Babs Jensen' }],
  };
}

/** Parses the operations and applies them to a User. */
export function patchUser(resource: Record<string, unknown>, ...operations: unknown[]): PatchResult {
  return applyPatch(resource, ops(...operations), USER_RESOURCE);
}

/** Users under the 'reject' unknown-attribute policy. */
export const REJECTING: ResourceSchemas = { ...USER_RESOURCE, unknownAttributes: 'reject' };

/** Users under the 'store' unknown-attribute policy. */
export const STORING: ResourceSchemas = { ...USER_RESOURCE, unknownAttributes: 'store' };

/** Parses the operations and applies them to a Group. */
export function patchGroup(resource: Record<string, unknown>, ...operations: unknown[]): PatchResult {
  return applyPatch(resource, ops(...operations), GROUP_RESOURCE);
}

/** Parses the operations and applies them with explicit schemas and options. */
export function patchWith(
  schemas: ResourceSchemas,
  options: ApplyOptions,
  resource: Record<string, unknown>,
  ...operations: unknown[]
): PatchResult {
  return applyPatch(resource, ops(...operations), schemas, options);
}
