import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, SchemaDefinition, USER_SCHEMA } from '../schemas';

/**
 * The schemas of one resource type (RFC 7643 §3, §6): its core schema and the extensions it
 * supports. A resource carries core attributes at the top level and each extension's
 * attributes inside an object keyed by the extension's URN.
 */
export interface ResourceSchemas {
  /** The core schema, e.g. urn:ietf:params:scim:schemas:core:2.0:User. */
  readonly core: SchemaDefinition;
  /** The schema extensions this resource type supports. */
  readonly extensions: readonly SchemaDefinition[];
  /** Extension URNs that must be present in every resource of this type (RFC 7643 §6 "required"). */
  readonly requiredExtensions?: readonly string[];
  /**
   * What to do with attributes that no schema defines (default 'ignore': drop and report them;
   * 'reject': 400; 'store': keep top-level ones as sent, return them, never filter on them).
   */
  readonly unknownAttributes?: UnknownAttributePolicy;
}

/** The treatment of attributes no schema defines, on POST, PUT and PATCH alike. */
export type UnknownAttributePolicy = 'ignore' | 'reject' | 'store';

/** Whether an unknown top-level key may be stored as sent under the 'store' policy: a plain attribute name. */
export function isStorableUnknown(key: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_-]*$/.test(key);
}

/** Users: the core User schema plus the optional Enterprise User extension (RFC 7643 §4.1, §4.3). */
export const USER_RESOURCE: ResourceSchemas = Object.freeze({
  core: USER_SCHEMA,
  extensions: Object.freeze([ENTERPRISE_USER_SCHEMA]),
});

/** Groups: the core Group schema, no extensions (RFC 7643 §4.2). */
export const GROUP_RESOURCE: ResourceSchemas = Object.freeze({
  core: GROUP_SCHEMA,
  extensions: Object.freeze([]),
});
