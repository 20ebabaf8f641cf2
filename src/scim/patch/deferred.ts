import { Leniency } from '../compat/leniency';
import { ScimError } from '../errors/scim-error';
import { BoundPatchPath } from '../filter';
import { Slot } from './document';
import { DeferredOperation, PatchOpName } from './types';
import { canonicalElement } from './values';
import { isJsonObject } from '../json';

/*
 * Operations on attributes the caller applies itself (ApplyOptions.deferred, e.g. Group `members`),
 * turned into DeferredOperation records. Their elements are checked here (an object with a string
 * `value`); the rest (does the member exist? may it be added?) is the caller's.
 */

/** Whether `slot` is one of the deferred attributes (names compared case-insensitively). */
export function isDeferred(slot: Slot, deferred: readonly string[]): boolean {
  const canonical = slot.canonical.toLowerCase();
  return deferred.some((name) => name.toLowerCase() === canonical);
}

/**
 * The deferred form of an operation whose path targets `slot` (`bound`: its binding), or of the
 * slot's part of a path-less value (`bound` undefined). Returns undefined for an add with nothing
 * to add. Throws 400 invalidPath for a path into the elements' sub-attributes, 400 invalidValue for
 * an element that is not an object with a string `value`.
 */
export function deferOperation(
  slot: Slot,
  bound: Extract<BoundPatchPath, { kind: 'attribute' }> | undefined,
  operation: { op: PatchOpName; value: unknown; index: number; pathText?: string },
  leniency?: Leniency,
): DeferredOperation | undefined {
  const { op, value, index, pathText } = operation;
  if (bound !== undefined && (bound.bound.sub !== undefined || bound.subAttr !== undefined)) {
    throw ScimError.badRequest(
      'invalidPath',
      `Path "${pathText ?? slot.canonical}": sub-attributes of "${slot.canonical}" cannot be patched`,
    );
  }
  const filter = bound?.filter;
  const base: DeferredOperation = { op, attribute: slot.canonical, index, ...(filter === undefined ? {} : { filter }) };
  if (op === 'remove') {
    if (filter !== undefined || value === undefined || value === null) {
      return base;
    }
    return { ...base, values: elements(slot, value, leniency) };
  }
  const values = value === null ? [] : elements(slot, value, leniency);
  if (op === 'add' && values.length === 0) {
    return undefined;
  }
  return { ...base, values };
}

/** The elements of a value; a bare string is taken for `{ "value": … }` when the leniency allows it. */
function elements(slot: Slot, value: unknown, leniency: Leniency | undefined): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, i) => {
    if (typeof item === 'string' && leniency !== undefined) {
      leniency.allow('bare-member-value', () =>
        ScimError.badRequest(
          'invalidValue',
          `Element ${i} of the value of "${slot.canonical}" must be an object such as {"value": ${JSON.stringify(item)}}, not a bare string`,
        ),
      );
      item = { value: item };
    }
    const element = canonicalElement(slot.def, item);
    if (!isJsonObject(element) || typeof element.value !== 'string') {
      throw ScimError.badRequest(
        'invalidValue',
        `Element ${i} of the value of "${slot.canonical}" must be an object with a string "value"`,
      );
    }
    return element;
  });
}
