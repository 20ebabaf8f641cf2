import { AttrPath, Filter } from '../filter/ast';
import { chainOperands } from '../filter/traverse';
import { ResourceSchemas } from '../resource/resource-type-context';
import { coreAttributes, findAttribute } from '../resource/schema-paths';
import { SchemaDefinition } from '../schemas';
import { Leniency } from './leniency';

/*
 * Entra's documentation and some of its requests name the enterprise `manager` without its URN
 * (`"path":"manager"`, `filter=manager eq "…"`, `"manager": "<id>"` in a POST body). RFC 7644 §3.10
 * reads an unqualified name as a core attribute; with a leniency, `manager` — when no core attribute
 * has that name and exactly one extension has — means that extension's attribute
 * (`unqualified-extension-attribute`). Other names stay unknown attributes, as the server's policy
 * says: only the manager is known to be sent so, and guessing more would store what was meant to drop.
 * A strict leniency records the use and leaves the name unqualified: it is then an unknown attribute,
 * treated as such (400 in a filter, the server's unknown-attribute policy in a body or PATCH).
 */

/** The extension attributes IdPs are known to name without their URN. */
const UNQUALIFIED_NAMES = new Set(['manager']);

/** The one extension that defines the unqualified name `attr` (one of UNQUALIFIED_NAMES) when the core schema does not, if any. */
export function extensionOwning(attr: string, schemas: ResourceSchemas): SchemaDefinition | undefined {
  if (!UNQUALIFIED_NAMES.has(attr.toLowerCase()) || findAttribute(coreAttributes(schemas), attr)) return undefined;
  const owners = schemas.extensions.filter((extension) => findAttribute(extension.attributes, attr));
  return owners.length === 1 ? owners[0] : undefined;
}

/** `name` (a body key or a path-less value key, possibly `attr.sub`) qualified by its extension's URN; undefined when not allowed or not such a name. */
export function qualifiedName(
  name: string,
  schemas: ResourceSchemas,
  leniency: Leniency | undefined,
): string | undefined {
  const extension = leniency === undefined ? undefined : extensionOwning(name.split('.')[0], schemas);
  if (extension === undefined || !leniency?.permits('unqualified-extension-attribute')) return undefined;
  return `${extension.id}:${name}`;
}

/** `path` with the URN of the extension its unqualified attribute belongs to (see qualifiedName); else `path` itself. */
export function qualifiedPath(path: AttrPath, schemas: ResourceSchemas, leniency: Leniency | undefined): AttrPath {
  if (path.uri !== undefined || leniency === undefined) return path;
  const extension = extensionOwning(path.attr, schemas);
  if (extension === undefined || !leniency.permits('unqualified-extension-attribute')) return path;
  return { ...path, uri: extension.id };
}

/** A filter whose unqualified extension attributes carry their URN (the inside of value filters is left alone). */
export function qualifyFilter(filter: Filter, schemas: ResourceSchemas, leniency: Leniency | undefined): Filter {
  if (leniency === undefined) return filter;
  const walk = (node: Filter): Filter => {
    switch (node.kind) {
      case 'and':
      case 'or': {
        const [first, ...rest] = chainOperands(node).map(walk);
        return rest.reduce((left, right) => ({ kind: node.kind, left, right, pos: node.pos }), first);
      }
      case 'not':
        return { ...node, filter: walk(node.filter) };
      case 'compare':
      case 'present':
      case 'valuePath': {
        const path = qualifiedPath(node.path, schemas, leniency);
        return path === node.path ? node : { ...node, path };
      }
    }
  };
  return walk(filter);
}
