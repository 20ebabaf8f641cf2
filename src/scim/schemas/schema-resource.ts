import { SCHEMA } from '../constants';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.schema';
import { GROUP_SCHEMA } from './group.schema';
import { AttributeDefinition, AttributeType, Mutability, Returned, SchemaDefinition, Uniqueness } from './types';
import { trimBaseUrl } from './url';
import { USER_SCHEMA } from './user.schema';

/** An attribute as the /Schemas endpoint shows it (RFC 7643 §7): every characteristic spelled out. */
export interface AttributeJson {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeJson[];
}

/** A Schema resource (RFC 7643 §7, §8.7). */
export interface SchemaResource {
  schemas: [typeof SCHEMA.schema];
  id: string;
  name: string;
  description: string;
  attributes: AttributeJson[];
  meta: { resourceType: 'Schema'; location: string };
}

/** The schemas this server serves, core User first, then its extension, then Group. */
export const CORE_SCHEMAS: SchemaDefinition[] = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA];

/** A fresh, mutable JSON copy of an attribute definition. */
export function attributeJson(def: AttributeDefinition): AttributeJson {
  const json: AttributeJson = {
    name: def.name,
    type: def.type,
    multiValued: def.multiValued,
    description: def.description,
    required: def.required,
    caseExact: def.caseExact,
    mutability: def.mutability,
    returned: def.returned,
    uniqueness: def.uniqueness,
  };
  if (def.canonicalValues) json.canonicalValues = [...def.canonicalValues];
  if (def.referenceTypes) json.referenceTypes = [...def.referenceTypes];
  if (def.subAttributes) json.subAttributes = def.subAttributes.map(attributeJson);
  return json;
}

/** The JSON the /Schemas endpoint returns for one schema. */
export function schemaResource(def: SchemaDefinition, baseUrl: string): SchemaResource {
  return {
    schemas: [SCHEMA.schema],
    id: def.id,
    name: def.name,
    description: def.description,
    attributes: def.attributes.map(attributeJson),
    meta: { resourceType: 'Schema', location: `${trimBaseUrl(baseUrl)}/Schemas/${def.id}` },
  };
}

/**
 * The schema with this URN, compared case-insensitively: clients send URNs in
 * fully qualified attribute paths, and SCIM attribute names are case-insensitive
 * (RFC 7643 §2.1).
 */
export function findSchema(list: readonly SchemaDefinition[], urn: string): SchemaDefinition | undefined {
  const wanted = urn.toLowerCase();
  return list.find((def) => def.id.toLowerCase() === wanted);
}
