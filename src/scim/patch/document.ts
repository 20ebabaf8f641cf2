import { ScimError } from '../errors/scim-error';
import { findByName } from '../filter';
import { ResourceSchemas } from '../resource';
import { AttributeDefinition, SchemaDefinition } from '../schemas/types';
import { isUnassigned, sameValue } from './values';
import { isJsonObject } from '../json';

/*
 * Where a top-level attribute lives in the document (core attributes at the top level, an
 * extension's inside the object keyed by its URN), and the invariants checked after every change
 * of one: RFC 7644 §3.5.2 mutability ("a client MAY 'add' a value to an 'immutable' attribute if
 * the attribute had no previous value") and §3.5.2.2 ("If an attribute is removed or becomes
 * unassigned and is defined as a required attribute or a read-only attribute, the server SHALL
 * return … a 'scimType' error code of 'mutability'").
 */

/** A top-level attribute of a resource type. */
export interface Slot {
  readonly def: AttributeDefinition;
  /** The extension holding it; undefined for core and common attributes. */
  readonly extension?: SchemaDefinition;
  /** `name`, or `<urn>:name` for an extension attribute. */
  readonly canonical: string;
}

/** The slot of `def` (in `extension`, when given). */
export function slotOf(def: AttributeDefinition, extension?: SchemaDefinition): Slot {
  return { def, extension, canonical: extension === undefined ? def.name : `${extension.id}:${def.name}` };
}

/** The object holding the slot's attribute, or undefined when its extension object is absent. */
export function holderOf(doc: Record<string, unknown>, slot: Slot): Record<string, unknown> | undefined {
  if (slot.extension === undefined) {
    return doc;
  }
  const holder = doc[slot.extension.id];
  return isJsonObject(holder) ? holder : undefined;
}

/** The holder of the slot's attribute, creating the extension object (and listing its URN in `schemas`). */
export function ensureHolder(
  doc: Record<string, unknown>,
  slot: Slot,
  schemas: ResourceSchemas,
): Record<string, unknown> {
  const existing = holderOf(doc, slot);
  if (existing !== undefined) {
    return existing;
  }
  const extension = slot.extension as SchemaDefinition;
  const holder: Record<string, unknown> = {};
  doc[extension.id] = holder;
  const listed = Array.isArray(doc.schemas) ? doc.schemas : [schemas.core.id];
  if (!listed.some((urn) => typeof urn === 'string' && urn.toLowerCase() === extension.id.toLowerCase())) {
    doc.schemas = [...listed, extension.id];
  }
  return holder;
}

/** The slot's current value (undefined when absent). */
export function readSlot(doc: Record<string, unknown>, slot: Slot): unknown {
  return holderOf(doc, slot)?.[slot.def.name];
}

/**
 * Drops the slot's attribute when it became unassigned (`[]`, `{}`), then its extension object
 * when empty, with the URN in `schemas` — unless the resource type requires that extension.
 */
export function tidySlot(doc: Record<string, unknown>, slot: Slot, schemas: ResourceSchemas): void {
  const holder = holderOf(doc, slot);
  if (holder === undefined) {
    return;
  }
  if (slot.def.name in holder && isUnassigned(holder[slot.def.name])) {
    delete holder[slot.def.name];
  }
  const extension = slot.extension;
  if (extension === undefined || Object.values(holder).some((value) => !isUnassigned(value))) {
    return;
  }
  const required = (schemas.requiredExtensions ?? []).some((urn) => urn.toLowerCase() === extension.id.toLowerCase());
  if (required) {
    return;
  }
  delete doc[extension.id];
  if (Array.isArray(doc.schemas)) {
    doc.schemas = doc.schemas.filter(
      (urn) => typeof urn !== 'string' || urn.toLowerCase() !== extension.id.toLowerCase(),
    );
  }
}

/** 400 mutability naming the attribute. */
export function mutability(detail: string): ScimError {
  return ScimError.badRequest('mutability', detail);
}

/**
 * After a change of one slot: a required attribute (or a required sub-attribute of a single-valued
 * complex one still present) that had a value must keep one; an immutable one that had a value must
 * keep an equal one (RFC 7643 §2.2 equality; the same value again is accepted).
 */
export function checkTransition(slot: Slot, before: unknown, after: unknown): void {
  checkOne(slot.def, slot.canonical, before, after);
  const { def } = slot;
  if (
    def.type !== 'complex' ||
    def.multiValued ||
    !isJsonObject(before) ||
    !isJsonObject(after) ||
    isUnassigned(after)
  ) {
    return;
  }
  for (const sub of def.subAttributes ?? []) {
    checkOne(sub, `${slot.canonical}.${sub.name}`, before[sub.name], after[sub.name]);
  }
}

function checkOne(def: AttributeDefinition, path: string, before: unknown, after: unknown): void {
  if (isUnassigned(before)) {
    return;
  }
  if (def.required && isUnassigned(after)) {
    throw mutability(`Attribute "${path}" is required and cannot be removed`);
  }
  if (def.mutability === 'immutable' && !sameValue(def, before, after)) {
    throw mutability(`Attribute "${path}" is immutable and cannot be changed`);
  }
}

/**
 * RFC 7644 §3.5.2: "a PATCH operation that sets a value's 'primary' sub-attribute to 'true' SHALL
 * cause the server to automatically set 'primary' to 'false' for any other values in the array."
 * `touched` are the elements the operation wrote; when one of them is primary, every other element
 * with `primary: true` gets `primary: false` (elements without `primary` are left alone).
 */
export function demoteOtherPrimaries(def: AttributeDefinition, elements: unknown, touched: ReadonlySet<object>): void {
  const primary = findByName(def.subAttributes ?? [], 'primary');
  if (primary === undefined || !Array.isArray(elements)) {
    return;
  }
  const promoted = elements.some((e) => isJsonObject(e) && touched.has(e) && e[primary.name] === true);
  if (!promoted) {
    return;
  }
  for (const element of elements) {
    if (isJsonObject(element) && !touched.has(element) && element[primary.name] === true) {
      element[primary.name] = false;
    }
  }
}
