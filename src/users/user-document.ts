import { SCHEMA } from '../scim/constants';
import { lookupKeys, LookupSpec, NO_LOOKUP } from '../scim/resource';
import { JsonDocument } from '../common/json';
import { UserEntity } from './entities/user.entity';

/** Attributes with a column of their own, derived, or write-only: not kept in the `data` document. */
const NOT_IN_DATA = new Set([
  'schemas',
  'id',
  'meta',
  'userName',
  'externalId',
  'displayName',
  'active',
  'password',
  'groups',
]);

export interface UserColumns {
  userName: string;
  externalId: string | null;
  displayName: string | null;
  active: boolean;
  data: JsonDocument;
  /** Keys of the server's lookup-marked attributes (null when it marks none). */
  lookupKeys: string[] | null;
}

/** Splits a normalized SCIM User (canonical names) into the row's columns and its `data` document. */
export function userColumns(resource: Record<string, unknown>, lookup: LookupSpec = NO_LOOKUP): UserColumns {
  const data: JsonDocument = {};
  for (const [key, value] of Object.entries(resource)) if (!NOT_IN_DATA.has(key)) data[key] = value;
  return {
    userName: resource.userName as string,
    externalId: (resource.externalId as string | undefined) ?? null,
    displayName: (resource.displayName as string | undefined) ?? null,
    active: (resource.active as boolean | undefined) ?? true,
    data,
    lookupKeys: lookupKeys(data, lookup.attributes, lookup.prefix),
  };
}

/** The SCIM User of a row, without `meta` and derived attributes: what PATCH applies to. */
export function userDocument(user: UserEntity): Record<string, unknown> {
  const extensions = Object.keys(user.data).filter((k) => k.startsWith('urn:'));
  return {
    schemas: [SCHEMA.user, ...extensions],
    id: user.id,
    ...(user.externalId !== null && { externalId: user.externalId }),
    userName: user.userName,
    ...(user.displayName !== null && { displayName: user.displayName }),
    active: user.active,
    ...user.data,
  };
}
