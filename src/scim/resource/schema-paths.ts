import { AttributeDefinition, SchemaDefinition } from '../schemas';
import { RESOURCE_COMMON_ATTRIBUTES } from './common-attributes';
import { ResourceSchemas } from './resource-type-context';

/**
 * An attribute path resolved against a resource type's schemas: a whole extension
 * (`attribute` undefined), an attribute, or a sub-attribute. Names are canonical.
 */
export interface ResolvedPath {
  /** The extension the path belongs to; undefined for core and common attributes. */
  readonly extension?: SchemaDefinition;
  readonly attribute?: AttributeDefinition;
  readonly sub?: AttributeDefinition;
}

/** The definition named `name` in `list`, compared case-insensitively (RFC 7643 §2.1). */
export function findAttribute(
  list: readonly AttributeDefinition[] | undefined,
  name: string,
): AttributeDefinition | undefined {
  const wanted = name.toLowerCase();
  return list?.find((def) => def.name.toLowerCase() === wanted);
}

/** The top-level attributes of the core namespace: the common attributes, then the core schema's. */
export function coreAttributes(schemas: ResourceSchemas): readonly AttributeDefinition[] {
  return [...RESOURCE_COMMON_ATTRIBUTES, ...schemas.core.attributes];
}

/** The supported extension with this URN (case-insensitive). */
export function findExtension(schemas: ResourceSchemas, urn: string): SchemaDefinition | undefined {
  const wanted = urn.toLowerCase();
  return schemas.extensions.find((ext) => ext.id.toLowerCase() === wanted);
}

/** The schema whose URN, followed by ':', starts `text` (the longest such URN), if any. */
function urnPrefix(text: string, schemas: ResourceSchemas): SchemaDefinition | undefined {
  const lower = text.toLowerCase();
  let best: SchemaDefinition | undefined;
  for (const schema of [schemas.core, ...schemas.extensions]) {
    const prefix = `${schema.id.toLowerCase()}:`;
    if (lower.startsWith(prefix) && (!best || schema.id.length > best.id.length)) best = schema;
  }
  return best;
}

/**
 * Resolves `attr`, `attr.sub`, `<urn>:attr`, `<urn>:attr.sub` or a bare extension URN,
 * case-insensitively. Unqualified names and the core URN address the core and common
 * attributes. Returns undefined for anything that names no attribute.
 */
export function resolvePath(text: string, schemas: ResourceSchemas): ResolvedPath | undefined {
  const whole = findExtension(schemas, text);
  if (whole) return { extension: whole };
  const schema = urnPrefix(text, schemas);
  const extension = schema && schema !== schemas.core ? schema : undefined;
  const rest = schema ? text.slice(schema.id.length + 1) : text;
  const parts = rest.split('.');
  if (parts.length > 2) return undefined;
  const attribute = findAttribute(extension ? extension.attributes : coreAttributes(schemas), parts[0]);
  if (!attribute) return undefined;
  if (parts.length === 1) return { extension, attribute };
  const sub = findAttribute(attribute.subAttributes, parts[1]);
  return sub ? { extension, attribute, sub } : undefined;
}

/** The canonical text of a resolved path, e.g. `name.givenName` or `urn:…:enterprise:2.0:User:manager.value`. */
export function formatPath(path: ResolvedPath): string {
  const prefix = path.extension ? path.extension.id : '';
  if (!path.attribute) return prefix;
  const name = path.sub ? `${path.attribute.name}.${path.sub.name}` : path.attribute.name;
  return prefix ? `${prefix}:${name}` : name;
}

/** The canonical path of a top-level attribute, prefixed by its extension's URN when it has one. */
export function attributePath(def: AttributeDefinition, extension?: SchemaDefinition): string {
  return extension ? `${extension.id}:${def.name}` : def.name;
}
