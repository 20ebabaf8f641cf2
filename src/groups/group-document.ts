import { JsonDocument } from '../common/json';
import { SCHEMA } from '../scim/constants';
import { lookupKeys, LookupSpec, NO_LOOKUP } from '../scim/resource';
import { GroupEntity } from './entities/group.entity';

const NOT_IN_DATA = new Set(['schemas', 'id', 'meta', 'displayName', 'externalId', 'members']);

export interface GroupColumns {
  displayName: string;
  externalId: string | null;
  data: JsonDocument;
  /** Keys of the server's lookup-marked attributes (null when it marks none). */
  lookupKeys: string[] | null;
}

/** Splits a normalized SCIM Group into its columns and `data` (members live in their own table). */
export function groupColumns(resource: Record<string, unknown>, lookup: LookupSpec = NO_LOOKUP): GroupColumns {
  const data: JsonDocument = {};
  for (const [key, value] of Object.entries(resource)) if (!NOT_IN_DATA.has(key)) data[key] = value;
  return {
    displayName: resource.displayName as string,
    externalId: (resource.externalId as string | undefined) ?? null,
    data,
    lookupKeys: lookupKeys(data, lookup.attributes, lookup.prefix),
  };
}

/** The SCIM Group of a row without members and `meta`: what PATCH applies to. */
export function groupDocument(group: GroupEntity): Record<string, unknown> {
  const extensions = Object.keys(group.data).filter((k) => k.startsWith('urn:'));
  return {
    schemas: [SCHEMA.group, ...extensions],
    id: group.id,
    ...(group.externalId !== null && { externalId: group.externalId }),
    displayName: group.displayName,
    ...group.data,
  };
}

/** The `value`s of a members array (already type-checked by the normalizer), lower-cased, once each. */
export function memberIdsOf(members: unknown): string[] {
  if (!Array.isArray(members)) return [];
  return [...new Set(members.map((m) => String((m as { value?: unknown }).value ?? '').toLowerCase()))];
}
