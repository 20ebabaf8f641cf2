import { AttributeDefinition, SchemaDefinition } from '../schemas';
import { isJsonObject } from '../json';
import { isStorableUnknown, ResourceSchemas } from './resource-type-context';
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

type Selection =
  { readonly kind: 'all' } | { readonly kind: 'include' | 'exclude'; readonly paths: ReadonlySet<string> };

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

/** A copy of a JSON value: primitives as they are, arrays and objects deeply. */
function copy(value: unknown): unknown {
  return value === null || typeof value !== 'object' ? value : structuredClone(value);
}

/** A returned attribute of this request: which of its sub-attributes to keep, resolved once per key. */
interface AttributeSlot {
  def: AttributeDefinition;
  keep: (sub: AttributeDefinition) => boolean;
  /** Sub-attribute by key as it appears in values: its definition when kept, null when dropped. */
  subs: Map<string, AttributeDefinition | null>;
}

interface ExtensionSlot {
  extension: SchemaDefinition;
  attributes: Map<string, AttributeSlot | null>;
}

/** What to do with a top-level key: copy `schemas`, select an attribute or an extension, or drop (null). */
type TopSlot = 'schemas' | 'stored' | AttributeSlot | ExtensionSlot | null;

function attributeSlot(
  def: AttributeDefinition,
  extension: SchemaDefinition | undefined,
  sel: Selection,
): AttributeSlot | null {
  const keep = plan(def, extension, sel);
  return keep ? { def, keep, subs: new Map() } : null;
}

function topSlot(key: string, schemas: ResourceSchemas, sel: Selection): TopSlot {
  if (key.toLowerCase() === 'schemas') return 'schemas';
  const target = resolvePath(key, schemas);
  if (!target) return storedSlot(key, schemas, sel);
  if (target.sub) return null;
  if (target.attribute) return target.extension ? null : attributeSlot(target.attribute, undefined, sel);
  return target.extension ? { extension: target.extension, attributes: new Map() } : null;
}

/** An attribute no schema defines, kept as sent under the 'store' policy: returned by default. */
function storedSlot(key: string, schemas: ResourceSchemas, sel: Selection): 'stored' | null {
  if (schemas.unknownAttributes !== 'store' || !isStorableUnknown(key)) return null;
  const listed = sel.kind !== 'all' && sel.paths.has(key.toLowerCase());
  return sel.kind === 'all' || (sel.kind === 'include') === listed ? 'stored' : null;
}

function keptSub(slot: AttributeSlot, key: string): AttributeDefinition | null {
  return memoised(slot.subs, key, () => {
    const found = findAttribute(slot.def.subAttributes, key);
    return found && slot.keep(found) ? found : null;
  });
}

function pickSubs(slot: AttributeSlot, value: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let kept = 0;
  let seen = 0;
  for (const key in value) {
    const subValue = value[key];
    seen++;
    const sub = keptSub(slot, key);
    if (sub && subValue !== undefined) {
      out[sub.name] = copy(subValue);
      kept++;
    }
  }
  return kept === 0 && seen > 0 ? undefined : out;
}

/** The selected part of one attribute value; undefined when nothing of it is left. */
function apply(slot: AttributeSlot, value: unknown): unknown {
  const { def } = slot;
  if (def.type !== 'complex') return copy(value);
  if (!def.multiValued) return isJsonObject(value) ? pickSubs(slot, value) : undefined;
  if (!Array.isArray(value)) return undefined;
  const values: Record<string, unknown>[] = [];
  for (const element of value) {
    const picked = isJsonObject(element) ? pickSubs(slot, element) : undefined;
    if (picked) values.push(picked);
  }
  return values.length === 0 && value.length > 0 ? undefined : values;
}

function emit(holder: Record<string, unknown>, slot: AttributeSlot, value: unknown): void {
  if (value === undefined || value === null) return;
  const picked = apply(slot, value);
  if (picked !== undefined) holder[slot.def.name] = picked;
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
 * or extension object emptied by the selection is dropped. Keys that no schema defines are dropped,
 * except plain names under the 'store' policy, which are returned as stored.
 */
export function project(
  resource: Record<string, unknown>,
  schemas: ResourceSchemas,
  request: ProjectionRequest,
): Record<string, unknown> {
  return projector(schemas, request)(resource);
}

type Projector = (resource: Record<string, unknown>) => Record<string, unknown>;

/**
 * Projectors built so far, per schemas object (a server's schemas are built once and cached with it;
 * a changed server gets new ones, and these go with the old) and per selection. A projector only
 * memoises what each key resolves to, a pure function of the schemas and the selection, so one serves
 * every request that asks the same. Bounded: a few selections per server, a few hundred keys each
 * (keys come from stored documents, which under the 'store' policy hold names clients chose).
 */
const projectors = new WeakMap<ResourceSchemas, Map<string, Projector>>();
const MAX_PROJECTORS_PER_SCHEMAS = 32;
const MAX_MEMOISED_KEYS = 512;

/** `map.get(key)`, else `compute()` — remembered while the map is below MAX_MEMOISED_KEYS. */
function memoised<V>(map: Map<string, V>, key: string, compute: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = compute();
    if (map.size < MAX_MEMOISED_KEYS) map.set(key, value);
  }
  return value;
}

/**
 * {@link project} for many resources (a list page, and every later request with the same selection):
 * each key is resolved against the schemas once, not once per resource.
 */
export function projector(schemas: ResourceSchemas, request: ProjectionRequest): Projector {
  const sel = selectionOf(request);
  const key = sel.kind === 'all' ? 'all' : `${sel.kind}:${[...sel.paths].sort().join(',')}`;
  let cache = projectors.get(schemas);
  if (!cache) {
    cache = new Map();
    projectors.set(schemas, cache);
  }
  let built = cache.get(key);
  if (!built) {
    built = buildProjector(schemas, sel);
    if (cache.size >= MAX_PROJECTORS_PER_SCHEMAS) cache.delete(cache.keys().next().value as string);
    cache.set(key, built);
  }
  return built;
}

function buildProjector(schemas: ResourceSchemas, sel: Selection): Projector {
  const slots = new Map<string, TopSlot>();
  const slotOf = (key: string): TopSlot => memoised(slots, key, () => topSlot(key, schemas, sel));
  const extensionAttribute = (slot: ExtensionSlot, name: string): AttributeSlot | null =>
    memoised(slot.attributes, name, () => {
      const def = findAttribute(slot.extension.attributes, name);
      return def ? attributeSlot(def, slot.extension, sel) : null;
    });
  return (resource) => {
    const out: Record<string, unknown> = {};
    for (const key in resource) {
      const value = resource[key];
      const slot = slotOf(key);
      if (slot === null) continue;
      if (slot === 'schemas' || slot === 'stored') {
        out[slot === 'schemas' ? 'schemas' : key] = copy(value);
      } else if ('def' in slot) {
        emit(out, slot, value);
      } else if (isJsonObject(value)) {
        const holder: Record<string, unknown> = {};
        for (const name in value) {
          const attribute = extensionAttribute(slot, name);
          if (attribute) emit(holder, attribute, value[name]);
        }
        if (Object.keys(holder).length > 0) out[slot.extension.id] = holder;
      }
    }
    return out;
  };
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
