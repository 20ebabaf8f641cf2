import { findByName } from '../filter';
import { AttributeDefinition } from '../schemas/types';
import { isJsonObject } from '../json';

/*
 * JSON helpers of the PATCH engine: lookups, the "unassigned" state of RFC 7643 §2.5, equality
 * under an attribute's characteristics (RFC 7643 §2.2 caseExact), and canonical sub-attribute names.
 */

/**
 * RFC 7643 §2.5: unassigned, null and an empty array are the same state; so is a complex value
 * without any assigned member. An empty string is a value (the normalizer decides about it).
 */
export function isUnassigned(value: unknown): boolean {
  if (value === undefined || value === null) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.every(isUnassigned);
  }
  if (isJsonObject(value)) {
    return Object.values(value).every(isUnassigned);
  }
  return false;
}

/** Two simple values under `def`: strings case-insensitively unless caseExact (binary: exact). */
export function sameSimple(def: AttributeDefinition | undefined, a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') {
    return a === b;
  }
  if (def?.type === 'dateTime') {
    return a === b || (!Number.isNaN(Date.parse(a)) && Date.parse(a) === Date.parse(b));
  }
  if (def === undefined || def.caseExact || def.type === 'binary') {
    return a === b;
  }
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * One value (an element, for a multi-valued attribute) under `def`. Complex values are equal when
 * every member assigned in either is equal in both (unknown members compare as JSON).
 */
export function sameElement(def: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (def.type !== 'complex') {
    return sameSimple(def, a, b);
  }
  if (!isJsonObject(a) || !isJsonObject(b)) {
    return sameState(a, b);
  }
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const name of names) {
    const [x, y] = [a[name], b[name]];
    if (isUnassigned(x) && isUnassigned(y)) {
      continue;
    }
    const sub = findByName(def.subAttributes ?? [], name);
    if (sub === undefined ? !sameState(x, y) : !sameSimple(sub, x, y)) {
      return false;
    }
  }
  return true;
}

/** A whole attribute value under `def`; multi-valued values compare as unordered collections. */
export function sameValue(def: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (isUnassigned(a) || isUnassigned(b)) {
    return isUnassigned(a) && isUnassigned(b);
  }
  if (!def.multiValued) {
    return sameElement(def, a, b);
  }
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
    return false;
  }
  const unused = [...b];
  return a.every((x) => {
    const i = unused.findIndex((y) => sameElement(def, x, y));
    return i >= 0 && unused.splice(i, 1).length === 1;
  });
}

/**
 * Exact JSON equality in which members in the unassigned state (RFC 7643 §2.5) are left out:
 * `{ a: 1, b: [] }` is the same state as `{ a: 1 }`. Arrays compare in order. Used for `changed`.
 */
export function sameState(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameState(x, b[i]));
  }
  if (isJsonObject(a) || isJsonObject(b)) {
    if (!isJsonObject(a) || !isJsonObject(b)) {
      return false;
    }
    const names = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...names].every((name) =>
      isUnassigned(a[name]) && isUnassigned(b[name]) ? true : sameState(a[name], b[name]),
    );
  }
  return a === b;
}

/**
 * A copy of a complex value whose known sub-attribute names are in canonical case (`Value` →
 * `value`); unknown members are kept as written for the normalizer. Other values are copied as is.
 */
export function canonicalElement(def: AttributeDefinition, value: unknown): unknown {
  if (def.type !== 'complex' || !isJsonObject(value)) {
    return structuredClone(value);
  }
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    const sub = findByName(def.subAttributes ?? [], name);
    out[sub?.name ?? name] = structuredClone(item);
  }
  return out;
}

/** A copy of `value` without its null members (null means unassigned, RFC 7643 §2.5). */
export function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null));
}
