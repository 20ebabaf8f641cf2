import { SCHEMA } from '../scim/constants';
import {
  extendResourceSchemas,
  GROUP_RESOURCE,
  LookupAttribute,
  lookupPrefix,
  LookupSpec,
  NO_LOOKUP,
  ResourceSchemas,
  USER_RESOURCE,
} from '../scim/resource';
import {
  attr,
  AttributeDefinition,
  complex,
  GROUP_RESOURCE_TYPE,
  ResourceTypeDefinition,
  SchemaDefinition,
  USER_RESOURCE_TYPE,
} from '../scim/schemas';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { CustomAttribute, CustomResourceType, CustomSubAttribute, schemaSettingsOf } from './custom-attribute';
import { ROLE_SCHEMA_DEFINITION } from './role-schema';

/** One identity server's view of SCIM: its resource types' schemas with the attributes it declared. */
export interface ServerSchemas {
  readonly users: ResourceSchemas;
  readonly groups: ResourceSchemas;
  /** What `/Schemas` lists: User (extended), its extensions, Group (extended), its extensions. */
  readonly definitions: readonly SchemaDefinition[];
  readonly resourceTypes: readonly ResourceTypeDefinition[];
  /** The custom attributes keyed for lookup, per resource type, and whether filters may use the index yet. */
  readonly lookup: { readonly users: LookupSpec; readonly groups: LookupSpec };
}

/**
 * The server's schemas: built-in ones plus its custom attributes and, with role mapping, scimd's role
 * extension. SCIM requests read them from their tenant (built once per server row, see tenancy/).
 */
export function buildServerSchemas(
  server: Pick<IdentityServerEntity, 'schemaSettings' | 'roleMapping'> &
    Partial<Pick<IdentityServerEntity, 'id' | 'lookupVersion' | 'lookupReadyVersion'>>,
): ServerSchemas {
  const settings = schemaSettingsOf(server.schemaSettings);
  const withRoles =
    Array.isArray((server.roleMapping as { roles?: unknown } | undefined)?.roles) &&
    (server.roleMapping as { roles: unknown[] }).roles.length > 0;
  const userExtra = customOf(settings.attributes, 'User', SCHEMA.user);
  const groupExtra = customOf(settings.attributes, 'Group', SCHEMA.group);
  const users = extendResourceSchemas(USER_RESOURCE, {
    core: userExtra.core,
    extensions: [...userExtra.extensions, ...(withRoles ? [ROLE_SCHEMA_DEFINITION] : [])],
    unknownAttributes: settings.unknownAttributes,
  });
  const groups = extendResourceSchemas(GROUP_RESOURCE, {
    ...groupExtra,
    unknownAttributes: settings.unknownAttributes,
  });
  return {
    users,
    groups,
    definitions: Object.freeze([users.core, ...users.extensions, groups.core, ...groups.extensions]),
    resourceTypes: Object.freeze([resourceType(USER_RESOURCE_TYPE, users), resourceType(GROUP_RESOURCE_TYPE, groups)]),
    lookup: Object.freeze({
      users: lookupSpecOf(server, settings.attributes, 'User'),
      groups: lookupSpecOf(server, settings.attributes, 'Group'),
    }),
  };
}

/** The declarations of a resource type marked for lookup, in a stable order (its keys' spelling). */
export function lookupAttributesOf(list: readonly CustomAttribute[], type: CustomResourceType): LookupAttribute[] {
  const core = type === 'User' ? SCHEMA.user : SCHEMA.group;
  return list
    .filter((a) => a.resourceType === type && a.lookup)
    .map((a) => {
      const inCore = a.schema === core;
      return {
        canonical: (inCore ? a.name : `${a.schema}:${a.name}`).toLowerCase(),
        documentPath: inCore ? [a.name] : [a.schema, a.name],
        caseExact: a.caseExact,
      };
    })
    .sort((x, y) => (x.canonical < y.canonical ? -1 : x.canonical > y.canonical ? 1 : 0));
}

function lookupSpecOf(
  server: Partial<Pick<IdentityServerEntity, 'id' | 'lookupVersion' | 'lookupReadyVersion'>>,
  list: readonly CustomAttribute[],
  type: CustomResourceType,
): LookupSpec {
  const attributes = lookupAttributesOf(list, type);
  if (attributes.length === 0 || server.id === undefined) return NO_LOOKUP;
  return Object.freeze({
    attributes: Object.freeze(attributes),
    prefix: lookupPrefix(server.id),
    ready: server.lookupVersion === server.lookupReadyVersion,
  });
}

/** The resource type with every extension of its schemas listed (none required). */
function resourceType(base: ResourceTypeDefinition, schemas: ResourceSchemas): ResourceTypeDefinition {
  const required = new Set((schemas.requiredExtensions ?? []).map((u) => u.toLowerCase()));
  return Object.freeze({
    ...base,
    schemaExtensions: Object.freeze(
      schemas.extensions.map((e) => Object.freeze({ schema: e.id, required: required.has(e.id.toLowerCase()) })),
    ),
  });
}

function customOf(
  list: readonly CustomAttribute[],
  type: CustomResourceType,
  coreUrn: string,
): { core: AttributeDefinition[]; extensions: SchemaDefinition[] } {
  const core: AttributeDefinition[] = [];
  const byUrn = new Map<string, AttributeDefinition[]>();
  for (const declared of list) {
    if (declared.resourceType !== type) continue;
    const def = definitionOf(declared);
    if (declared.schema === coreUrn) core.push(def);
    else byUrn.set(declared.schema, [...(byUrn.get(declared.schema) ?? []), def]);
  }
  const extensions = [...byUrn].map(([id, attributes]) =>
    Object.freeze({
      id,
      name: extensionName(id, type),
      description: `Attributes this server's administrator declared for ${type}s`,
      attributes: Object.freeze(attributes),
    }),
  );
  return { core, extensions };
}

/** `urn:…:extension:acme:2.0:User` → `acmeUser`; otherwise `<type>Extension`. */
function extensionName(urn: string, type: CustomResourceType): string {
  const match = /:extension:([^:]+):/i.exec(urn);
  return match ? `${match[1]}${type}` : `${type}Extension`;
}

function definitionOf(
  declared: CustomAttribute | (CustomSubAttribute & { subAttributes?: CustomSubAttribute[] }),
): AttributeDefinition {
  const options = {
    multiValued: declared.multiValued,
    required: declared.required,
    mutability: declared.mutability,
    returned: declared.returned,
    description: declared.description,
  };
  if (declared.type === 'complex')
    return complex(declared.name, (declared.subAttributes ?? []).map(definitionOf), options);
  return attr(declared.name, {
    ...options,
    type: declared.type,
    caseExact: declared.caseExact,
    ...(declared.canonicalValues && { canonicalValues: declared.canonicalValues }),
    ...(declared.restrictToCanonicalValues && { canonicalOnly: true }),
    ...(declared.referenceTypes && { referenceTypes: declared.referenceTypes }),
  });
}
