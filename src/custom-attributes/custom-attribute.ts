import { AttributeType, Mutability, Returned } from '../scim/schemas';
import { UnknownAttributePolicy } from '../scim/resource';

/** The resource types an administrator can add attributes to. */
export type CustomResourceType = 'User' | 'Group';

/** The data types a custom attribute may have (RFC 7643 §2.3, less binary). */
export const CUSTOM_TYPES: readonly AttributeType[] = [
  'string',
  'boolean',
  'integer',
  'decimal',
  'dateTime',
  'reference',
  'complex',
];

/** A sub-attribute of a complex custom attribute: never complex itself (RFC 7643 §2.3.8). */
export interface CustomSubAttribute {
  name: string;
  type: Exclude<AttributeType, 'complex' | 'binary'>;
  multiValued: boolean;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  description: string;
  canonicalValues?: string[];
  /** Refuse values outside `canonicalValues` (matched per caseExact, stored as declared). */
  restrictToCanonicalValues?: boolean;
  referenceTypes?: string[];
}

/**
 * An attribute an administrator declared for one identity server, as stored (every characteristic
 * spelled out) and shown by the admin API. `schema` is the core schema's URN (the attribute sits in
 * the core namespace, sent top-level or URN-qualified) or an extension URN of the administrator's choice.
 */
export interface CustomAttribute extends Omit<CustomSubAttribute, 'type'> {
  resourceType: CustomResourceType;
  schema: string;
  type: Exclude<AttributeType, 'binary'>;
  subAttributes?: CustomSubAttribute[];
  /** Keyed in the server's lookup index, so that `eq` filters on it are index-backed (string and reference attributes). */
  lookup?: boolean;
}

/** A server's schema settings (`identity_servers.schema_settings`). */
export interface SchemaSettings {
  unknownAttributes: UnknownAttributePolicy;
  attributes: CustomAttribute[];
}

export const DEFAULT_SCHEMA_SETTINGS: SchemaSettings = Object.freeze({
  unknownAttributes: 'ignore',
  attributes: [],
}) as SchemaSettings;

/** The stored settings with their defaults (absent keys and an empty object read as the defaults). */
export function schemaSettingsOf(stored: Record<string, unknown> | undefined): SchemaSettings {
  const settings = (stored ?? {}) as Partial<SchemaSettings>;
  return {
    unknownAttributes: settings.unknownAttributes ?? 'ignore',
    attributes: (settings.attributes ?? []).map(inOrder),
  };
}

/** The characteristics in the order of RFC 7643 §7 (jsonb storage does not keep the written order). */
function inOrder<T extends CustomSubAttribute | CustomAttribute>(a: T): T {
  const head = 'resourceType' in a ? { resourceType: a.resourceType, schema: a.schema } : {};
  const lookup = 'lookup' in a && a.lookup ? { lookup: true } : {};
  const {
    name,
    type,
    multiValued,
    required,
    caseExact,
    mutability,
    returned,
    description,
    canonicalValues,
    restrictToCanonicalValues,
    referenceTypes,
  } = a;
  const subs = 'subAttributes' in a && a.subAttributes ? { subAttributes: a.subAttributes.map(inOrder) } : {};
  return {
    ...head,
    name,
    type,
    multiValued,
    required,
    caseExact,
    mutability,
    returned,
    description,
    ...(canonicalValues && { canonicalValues }),
    ...(restrictToCanonicalValues && { restrictToCanonicalValues }),
    ...(referenceTypes && { referenceTypes }),
    ...lookup,
    ...subs,
  } as T;
}
