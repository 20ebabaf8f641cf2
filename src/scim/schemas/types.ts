/**
 * Attribute characteristics of RFC 7643 §2.2 and §7 (the "Schema" resource),
 * as plain readonly data.
 */

/** RFC 7643 §2.3 data types. */
export type AttributeType =
  'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'binary' | 'reference' | 'complex';

/** RFC 7643 §7 "mutability". */
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';

/** RFC 7643 §7 "returned". */
export type Returned = 'always' | 'never' | 'default' | 'request';

/** RFC 7643 §7 "uniqueness". */
export type Uniqueness = 'none' | 'server' | 'global';

/** One attribute (or sub-attribute) definition, RFC 7643 §7. */
export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues?: readonly string[];
  /** scimd: values outside `canonicalValues` are refused (RFC 7643 lets a provider choose); not shown in /Schemas. */
  readonly canonicalOnly?: boolean;
  /** Only for type "reference": "User", "Group", "external", "uri", … */
  readonly referenceTypes?: readonly string[];
  /** Only for type "complex". */
  readonly subAttributes?: readonly AttributeDefinition[];
}

/** A schema definition (RFC 7643 §7): its URN, name, description and attributes. */
export interface SchemaDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeDefinition[];
}
