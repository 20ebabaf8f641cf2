import { ScimError } from '../errors/scim-error';
import { AttributeDefinition, SchemaDefinition } from '../schemas';
import { isJsonObject } from '../json';
import { ResourceSchemas } from './resource-type-context';
import { attributePath, coreAttributes } from './schema-paths';

/*
 * RFC 7644 §3.5.1 (PUT), immutable: "If one or more values are already set for the attribute,
 * the input value(s) MUST match, or HTTP status code 400 SHOULD be returned with a "scimType"
 * error code of "mutability"." Both resources are in canonical form (see normalizeResource).
 *
 * Checked: immutable top-level attributes (core, common and extension ones) and immutable
 * sub-attributes of single-valued complex attributes. Not checked: immutable sub-attributes of
 * multi-valued attributes (e.g. Group members.value): their values have no identity across a
 * replacement, so adding and removing values stays allowed.
 */

/** One place attributes live: the top level (core) or an extension's object. */
interface Scope {
  readonly defs: readonly AttributeDefinition[];
  readonly extension?: SchemaDefinition;
}

function scopes(schemas: ResourceSchemas): Scope[] {
  return [
    { defs: coreAttributes(schemas) },
    ...schemas.extensions.map((extension) => ({ defs: extension.attributes, extension })),
  ];
}

function holderOf(resource: Record<string, unknown>, scope: Scope): Record<string, unknown> | undefined {
  if (!scope.extension) return resource;
  const holder = resource[scope.extension.id];
  return isJsonObject(holder) ? holder : undefined;
}

function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

function sameSimple(def: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return a === b;
  if (def.type === 'dateTime') return a === b || (!Number.isNaN(Date.parse(a)) && Date.parse(a) === Date.parse(b));
  if (def.caseExact || def.type === 'binary') return a === b;
  return a.toLowerCase() === b.toLowerCase();
}

function sameOne(def: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (def.type !== 'complex') return sameSimple(def, a, b);
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  return (def.subAttributes ?? []).every((sub) =>
    hasValue(a[sub.name]) || hasValue(b[sub.name]) ? sameValue(sub, a[sub.name], b[sub.name]) : true,
  );
}

/** Equality under the attribute's rules; multi-valued values compare as unordered collections (RFC 7643 §2.4). */
function sameValue(def: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (!def.multiValued) return sameOne(def, a, b);
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  const unused = [...b];
  return a.every((x) => {
    const i = unused.findIndex((y) => sameOne(def, x, y));
    return i >= 0 && unused.splice(i, 1).length === 1;
  });
}

function refuse(path: string): ScimError {
  return ScimError.badRequest('mutability', `Attribute "${path}" is immutable and cannot be changed`);
}

/** The immutable sub-attributes of a single-valued complex attribute. */
function immutableSubs(def: AttributeDefinition): AttributeDefinition[] {
  if (def.type !== 'complex' || def.multiValued || def.mutability === 'immutable') return [];
  return (def.subAttributes ?? []).filter((sub) => sub.mutability === 'immutable');
}

/**
 * PUT: throws 400 mutability `Attribute "<path>" is immutable and cannot be changed` when an
 * immutable attribute that has a value in `previous` has a different value in `next`.
 * An immutable attribute that `next` leaves out is accepted: see {@link carryImmutable}.
 */
export function checkImmutable(
  previous: Record<string, unknown>,
  next: Record<string, unknown>,
  schemas: ResourceSchemas,
): void {
  for (const scope of scopes(schemas)) {
    const before = holderOf(previous, scope);
    const after = holderOf(next, scope);
    if (!before || !after) continue;
    for (const def of scope.defs) {
      const path = attributePath(def, scope.extension);
      const [a, b] = [before[def.name], after[def.name]];
      if (def.mutability === 'immutable' && hasValue(a) && hasValue(b) && !sameValue(def, a, b)) throw refuse(path);
      if (!isJsonObject(a) || !isJsonObject(b)) continue;
      for (const sub of immutableSubs(def)) {
        if (hasValue(a[sub.name]) && hasValue(b[sub.name]) && !sameValue(sub, a[sub.name], b[sub.name])) {
          throw refuse(`${path}.${sub.name}`);
        }
      }
    }
  }
}

/**
 * PUT: returns a copy of `next` in which every immutable value that `previous` has and `next`
 * leaves out is copied from `previous` (the stored value is kept), adding an extension's object
 * and its URN in `schemas` when needed. Neither argument is modified.
 */
export function carryImmutable(
  previous: Record<string, unknown>,
  next: Record<string, unknown>,
  schemas: ResourceSchemas,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...next };
  for (const scope of scopes(schemas)) {
    const before = holderOf(previous, scope);
    if (!before) continue;
    const after: Record<string, unknown> = { ...holderOf(next, scope) };
    let changed = false;
    for (const def of scope.defs) {
      const [a, b] = [before[def.name], after[def.name]];
      if (def.mutability === 'immutable' && hasValue(a) && !hasValue(b)) {
        after[def.name] = structuredClone(a);
        changed = true;
        continue;
      }
      if (!isJsonObject(a)) continue;
      const missing = immutableSubs(def).filter(
        (sub) => hasValue(a[sub.name]) && !(isJsonObject(b) && hasValue(b[sub.name])),
      );
      if (missing.length === 0) continue;
      const merged: Record<string, unknown> = isJsonObject(b) ? { ...b } : {};
      for (const sub of missing) merged[sub.name] = structuredClone(a[sub.name]);
      after[def.name] = merged;
      changed = true;
    }
    if (!changed) continue;
    if (!scope.extension) {
      Object.assign(out, after);
      continue;
    }
    out[scope.extension.id] = after;
    const listed = Array.isArray(out.schemas) ? out.schemas : [];
    if (!listed.includes(scope.extension.id)) out.schemas = [...listed, scope.extension.id];
  }
  return out;
}
