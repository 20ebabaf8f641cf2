import { AttributeDefinition } from './types';

/** Characteristics a data file may set; everything left out takes the RFC 7643 §2.2 default. */
export type AttributeOptions = Partial<Omit<AttributeDefinition, 'name' | 'subAttributes'>>;

/** Options for a complex attribute: its type is fixed, and it has no canonical or reference values. */
export type ComplexOptions = Omit<AttributeOptions, 'type' | 'canonicalValues' | 'referenceTypes' | 'caseExact'>;

/**
 * RFC 7643 §2.2: "If not otherwise stated", an attribute is a single-valued,
 * optional, case-insensitive, readWrite string, returned by default, with no uniqueness.
 */
export const ATTRIBUTE_DEFAULTS = {
  type: 'string',
  multiValued: false,
  description: '',
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
} as const satisfies Omit<AttributeDefinition, 'name'>;

/** A simple (non-complex) attribute with the RFC 7643 §2.2 defaults. */
export function attr(name: string, options: AttributeOptions = {}): AttributeDefinition {
  const type = options.type ?? ATTRIBUTE_DEFAULTS.type;
  if (type === 'complex') {
    throw new Error(`attribute "${name}": use complex() for complex attributes`);
  }
  if (type === 'reference' && !options.referenceTypes?.length) {
    throw new Error(`attribute "${name}": a reference attribute needs referenceTypes`);
  }
  if (type !== 'reference' && options.referenceTypes) {
    throw new Error(`attribute "${name}": referenceTypes only apply to reference attributes`);
  }
  return build(name, { ...options, type });
}

/** A complex attribute with its sub-attributes (RFC 7643 §2.3.8: sub-attributes are never complex). */
export function complex(
  name: string,
  subAttributes: readonly AttributeDefinition[],
  options: ComplexOptions = {},
): AttributeDefinition {
  if (subAttributes.length === 0) {
    throw new Error(`attribute "${name}": a complex attribute needs sub-attributes`);
  }
  const nested = subAttributes.find((sub) => sub.type === 'complex');
  if (nested) {
    throw new Error(`attribute "${name}": sub-attribute "${nested.name}" must not be complex`);
  }
  return build(name, { ...options, type: 'complex' }, Object.freeze([...subAttributes]));
}

function build(
  name: string,
  options: AttributeOptions,
  subAttributes?: readonly AttributeDefinition[],
): AttributeDefinition {
  const def: AttributeDefinition = {
    name,
    type: options.type ?? ATTRIBUTE_DEFAULTS.type,
    multiValued: options.multiValued ?? ATTRIBUTE_DEFAULTS.multiValued,
    description: options.description ?? ATTRIBUTE_DEFAULTS.description,
    required: options.required ?? ATTRIBUTE_DEFAULTS.required,
    caseExact: options.caseExact ?? ATTRIBUTE_DEFAULTS.caseExact,
    mutability: options.mutability ?? ATTRIBUTE_DEFAULTS.mutability,
    returned: options.returned ?? ATTRIBUTE_DEFAULTS.returned,
    uniqueness: options.uniqueness ?? ATTRIBUTE_DEFAULTS.uniqueness,
    ...(options.canonicalValues ? { canonicalValues: Object.freeze([...options.canonicalValues]) } : {}),
    ...(options.canonicalOnly ? { canonicalOnly: true } : {}),
    ...(options.referenceTypes ? { referenceTypes: Object.freeze([...options.referenceTypes]) } : {}),
    ...(subAttributes ? { subAttributes } : {}),
  };
  return Object.freeze(def);
}
