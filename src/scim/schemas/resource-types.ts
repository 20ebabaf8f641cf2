import { SCHEMA } from '../constants';
import { trimBaseUrl } from './url';

/** A schema extension of a resource type (RFC 7643 §6). */
export interface SchemaExtensionRef {
  readonly schema: string;
  readonly required: boolean;
}

/** A resource type (RFC 7643 §6), without its "meta". */
export interface ResourceTypeDefinition {
  readonly id: string;
  readonly name: string;
  /** Relative to the base URL, e.g. "/Users". */
  readonly endpoint: string;
  readonly description: string;
  /** URN of the core schema. */
  readonly schema: string;
  readonly schemaExtensions: readonly SchemaExtensionRef[];
}

/** A ResourceType resource as the /ResourceTypes endpoint returns it (RFC 7643 §6, §8.6). */
export interface ResourceTypeResource {
  schemas: [typeof SCHEMA.resourceType];
  id: string;
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions: { schema: string; required: boolean }[];
  meta: { resourceType: 'ResourceType'; location: string };
}

export const USER_RESOURCE_TYPE: ResourceTypeDefinition = Object.freeze({
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: SCHEMA.user,
  schemaExtensions: Object.freeze([Object.freeze({ schema: SCHEMA.enterpriseUser, required: false })]),
});

export const GROUP_RESOURCE_TYPE: ResourceTypeDefinition = Object.freeze({
  id: 'Group',
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: SCHEMA.group,
  schemaExtensions: Object.freeze([]),
});

export const CORE_RESOURCE_TYPES: ResourceTypeDefinition[] = [USER_RESOURCE_TYPE, GROUP_RESOURCE_TYPE];

/** The JSON the /ResourceTypes endpoint returns for one resource type. */
export function resourceTypeResource(def: ResourceTypeDefinition, baseUrl: string): ResourceTypeResource {
  return {
    schemas: [SCHEMA.resourceType],
    id: def.id,
    name: def.name,
    endpoint: def.endpoint,
    description: def.description,
    schema: def.schema,
    schemaExtensions: def.schemaExtensions.map((ext) => ({ schema: ext.schema, required: ext.required })),
    meta: { resourceType: 'ResourceType', location: `${trimBaseUrl(baseUrl)}/ResourceTypes/${def.id}` },
  };
}

/** The resource type with this id (case-insensitive), e.g. from GET /ResourceTypes/{id}. */
export function findResourceType(
  list: readonly ResourceTypeDefinition[],
  id: string,
): ResourceTypeDefinition | undefined {
  const wanted = id.toLowerCase();
  return list.find((def) => def.id.toLowerCase() === wanted);
}
