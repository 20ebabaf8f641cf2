import { AttributeDefinition, SchemaDefinition } from '../schemas';
import { isJsonObject } from './json';
import { ResourceSchemas } from './resource-type-context';
import { attributePath, findAttribute, resolvePath } from './schema-paths';

export { parseAttributeList } from './attribute-list';

/**
 * The `attributes` / `excludedAttributes` of a request (RFC 7644 §3.4.2.5, §3.9), as canonical
 * paths from {@link parseAttributeList} (compared case-insensitively all the same). An empty list
 * counts as absent. When both are given, `attributes` wins and `excludedAttributes` is ignored
 * (RFC 7644 does not define the combination).
 */
export interface ProjectionRequest {
  attributes?: readonly string[];
  excludedAttributes?: readonly string[];
}

type Selection = { readonly kind: 'all' } | { readonly kind: 'include' | 'exclude'; readonly paths: ReadonlySet<string> };

function selectionOf(request: ProjectionRequest): Selection {
  const lower = (list: readonly string[]) => new Set(list.map((p) => p.toLowerCase()));
  if (request.attributes?.length) return { kind: 'include', paths: lower(request.attributes) };
  if (request.excludedAttributes?.length) return { kind: 'exclude', paths: lower(request.excludedAttributes) };
  return { kind: 'all' };
}

/** Which sub-attributes of a returned attribute to keep; undefined when the attribute is not returned. */
type Plan = ((sub: AttributeDefinition) => boolean) | undefined;

function plan(def: AttributeDefinition, extension: SchemaDefinition | undefined, sel: Selection): Plan {
  if (def.returned === 'never') return undefined;
  const path = attributePath(def, extension).toLowerCase();
  const paths = sel.kind === 'all' ? new Set<string>() : sel.paths;
  const listed = paths.has(path) || (extension !== undefined && paths.has(extension.id.toLowerCase()));
  const subListed = (sub: AttributeDefinition) => paths.has(`${path}.${sub.name.toLowerCase()}`);
  const visible = (sub: AttributeDefinition) => sub.returned !== 'never';
  const included = sel.kind === 'include';
  if (def.returned === 'always') {
    return (sub) => visible(sub) && (sub.returned !== 'request' || (included && (listed || subListed(sub))));
  }
  switch (sel.kind) {
    case 'all':
      return def.returned === 'request' ? undefined : (sub) => sub.returned === 'always' || sub.returned === 'default';
    case 'include': {
      if (listed) return visible;
      const anySub = [...paths].some((p) => p.startsWith(`${path}.`));
      if (def.type !== 'complex' || !anySub) return undefined;
      return (sub) => visible(sub) && (sub.returned === 'always' || subListed(sub));
    }
    case 'exclude':
      if (def.returned === 'request' || listed) return undefined;
      return (sub) => sub.returned === 'always' || (sub.returned === 'default' && !subListed(sub));
  }
}

function pickSubs(
  def: AttributeDefinition,
  value: Record<string, unknown>,
  keep: (sub: AttributeDefinition) => boolean,
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, subValue] of Object.entries(value)) {
    const sub = findAttribute(def.subAttributes, key);
    if (sub && keep(sub) && subValue !== undefined) out[sub.name] = structuredClone(subValue);
  }
  const emptied = Object.keys(out).length === 0 && Object.keys(value).length > 0;
  return emptied ? undefined : out;
}

/** The selected part of one attribute value; undefined when nothing of it is left. */
function apply(def: AttributeDefinition, value: unknown, keep: (sub: AttributeDefinition) => boolean): unknown {
  if (def.type !== 'complex') return structuredClone(value);
  if (!def.multiValued) return isJsonObject(value) ? pickSubs(def, value, keep) : undefined;
  if (!Array.isArray(value)) return undefined;
  const values = value.flatMap((element) => {
    const picked = isJsonObject(element) ? pickSubs(def, element, keep) : undefined;
    return picked ? [picked] : [];
  });
  return values.length === 0 && value.length > 0 ? undefined : values;
}

function emit(
  holder: Record<string, unknown>,
  def: AttributeDefinition,
  extension: SchemaDefinition | undefined,
  value: unknown,
  sel: Selection,
): void {
  const keep = plan(def, extension, sel);
  if (!keep || value === undefined || value === null) return;
  const picked = apply(def, value, keep);
  if (picked !== undefined) holder[def.name] = picked;
}

/**
 * The representation to return (RFC 7643 §2.2 "returned", RFC 7644 §3.4.2.5, §3.9), as a new object:
 * - `schemas` is always kept as it is; `returned: never` (password) never appears;
 *   `returned: always` (id) always appears; `returned: request` only when listed in `attributes`;
 * - with `attributes`, only the listed attributes (and `always` ones); a listed sub-attribute keeps
 *   only that sub-attribute of the complex value, or of every value of a multi-valued one;
 * - with `excludedAttributes`, everything returned by default except the listed attributes or
 *   sub-attributes (`always` ones stay);
 * - with neither, everything returned by default (including `meta`).
 * An extension URN in a list stands for all of its attributes. A complex value, multi-valued value
 * or extension object emptied by the selection is dropped. Keys that no schema defines are dropped.
 */
export function project(
  resource: Record<string, unknown>,
  schemas: ResourceSchemas,
  request: ProjectionRequest,
): Record<string, unknown> {
  const sel = selectionOf(request);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key.toLowerCase() === 'schemas') {
      out.schemas = structuredClone(value);
      continue;
    }
    const target = resolvePath(key, schemas);
    if (!target || target.sub) continue;
    if (target.attribute) {
      if (!target.extension) emit(out, target.attribute, undefined, value, sel);
    } else if (target.extension && isJsonObject(value)) {
      const extension = target.extension;
      const holder: Record<string, unknown> = {};
      for (const [name, attrValue] of Object.entries(value)) {
        const def = findAttribute(extension.attributes, name);
        if (def) emit(holder, def, extension, attrValue, sel);
      }
      if (Object.keys(holder).length > 0) out[extension.id] = holder;
    }
  }
  return out;
}

/**
 * Whether the attribute at `path` (`members`, `groups`, `name.givenName`, `<urn>:attr`, or an
 * extension URN) may appear in the output of {@link project} for this request, so that a service
 * can skip reading it: `excludedAttributes=members` makes `isRequested('members', …)` false.
 * Throws a TypeError for a path that names no attribute (a programming error).
 */
export function isRequested(path: string, schemas: ResourceSchemas, request: ProjectionRequest): boolean {
  if (path.toLowerCase() === 'schemas') return true;
  const target = resolvePath(path, schemas);
  if (!target) throw new TypeError(`isRequested: unknown attribute "${path}"`);
  const sel = selectionOf(request);
  const { attribute, extension, sub } = target;
  if (!attribute) return (extension?.attributes ?? []).some((def) => plan(def, extension, sel) !== undefined);
  const keep = plan(attribute, extension, sel);
  return keep !== undefined && (sub === undefined || keep(sub));
}
