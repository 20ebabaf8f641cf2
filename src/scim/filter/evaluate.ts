import { AttributeDefinition } from '../schemas/types';
import { AttrPath, CompareOp, Filter, Literal } from './ast';
import { findByName } from './binder';
import { parseDateTime } from './datetime';
import { isOrderingOp } from './value-check';
import { chainOperands } from './traverse';
import { isJsonObject, member } from '../json';

/**
 * In-memory evaluation of a filter against one JSON object, with RFC 7644 §3.4.2.2 semantics. The
 * PATCH engine uses it to pick the elements of one resource's multi-valued attribute
 * (`emails[type eq "work"]` → `matches(filter, email, emailsDefinition.subAttributes)`); lists of
 * resources are filtered in SQL, not here. The filter should have passed the binder first.
 *
 * - Attribute names match case-insensitively; a path with a URN looks inside the object's member
 *   named by the URN when there is one (an extension object), else at the object itself.
 * - Strings compare case-insensitively unless the definition says `caseExact` (binary: always exact);
 *   `gt`/`ge`/`lt`/`le` on strings compare UTF-16 code units after that case folding.
 * - dateTime attributes compare as instants (except with co/sw/ew, which compare the text).
 * - Numbers compare numerically, booleans only with eq/ne; a value of another JSON type never matches.
 * - A multi-valued attribute (or a sub-attribute reached through one) matches when ANY value does;
 *   `ne` is the negation of `eq`: true when NO value equals, so `ne` on a missing attribute is true
 *   (common practice; the RFC leaves it open). Other operators on a missing attribute are false.
 * - `eq null` is true when the attribute has no value, `ne null` when it has one (RFC 7643 §2.5:
 *   null is "unassigned").
 * - `pr` is true for a value that is not null, not an empty string, not an empty array and not an
 *   object without any present member.
 * - Comparing a complex attribute without a sub-attribute compares its `value` sub-attribute.
 * - An attribute without a definition in `attributes` is compared by its JSON type, case-insensitively.
 */
export function matches(filter: Filter, element: unknown, attributes: readonly AttributeDefinition[]): boolean {
  switch (filter.kind) {
    case 'and':
      return chainOperands(filter).every((operand) => matches(operand, element, attributes));
    case 'or':
      return chainOperands(filter).some((operand) => matches(operand, element, attributes));
    case 'not':
      return !matches(filter.filter, element, attributes);
    case 'present':
      return resolve(filter.path, element, attributes).values.some((value) => isPresent(value, 0));
    case 'compare': {
      const { values, definition } = impliedValue(resolve(filter.path, element, attributes));
      return compareAll(filter.op, filter.value, values, definition);
    }
    case 'valuePath': {
      const { values, definition } = resolve(filter.path, element, attributes);
      const subAttributes = definition?.subAttributes ?? [];
      return values.some((value) => isJsonObject(value) && matches(filter.filter, value, subAttributes));
    }
  }
}

/** The values an attribute path designates in `element` (arrays flattened), with their definition. */
interface Resolved {
  values: unknown[];
  definition: AttributeDefinition | undefined;
}

function resolve(path: AttrPath, element: unknown, attributes: readonly AttributeDefinition[]): Resolved {
  if (!isJsonObject(element)) {
    return { values: [], definition: undefined };
  }
  let container = element;
  if (path.uri !== undefined) {
    const extension = member(element, path.uri);
    if (isJsonObject(extension)) {
      container = extension;
    }
  }
  const definition = findByName(attributes, path.attr);
  const values = flatten([member(container, path.attr)]);
  if (path.sub === undefined) {
    return { values, definition };
  }
  const sub = path.sub;
  return {
    values: flatten(values.filter(isJsonObject).map((value) => member(value, sub))),
    definition: findByName(definition?.subAttributes ?? [], sub),
  };
}

/** A comparison on a complex attribute compares its `value` sub-attribute (`emails co "x"`). */
function impliedValue(resolved: Resolved): Resolved {
  const { values, definition } = resolved;
  if (definition?.type !== 'complex' && !values.some(isJsonObject)) {
    return resolved;
  }
  return {
    values: flatten(values.filter(isJsonObject).map((value) => member(value, 'value'))),
    definition: findByName(definition?.subAttributes ?? [], 'value'),
  };
}

function compareAll(
  op: CompareOp,
  expected: Literal,
  values: unknown[],
  definition: AttributeDefinition | undefined,
): boolean {
  if (expected === null) {
    const present = values.some((value) => isPresent(value, 0));
    return op === 'eq' ? !present : op === 'ne' ? present : false;
  }
  if (op === 'ne') {
    return !values.some((value) => compareOne('eq', value, expected, definition));
  }
  return values.some((value) => compareOne(op, value, expected, definition));
}

function compareOne(
  op: CompareOp,
  actual: unknown,
  expected: string | number | boolean,
  definition: AttributeDefinition | undefined,
): boolean {
  if (typeof expected === 'boolean') {
    return typeof actual === 'boolean' && op === 'eq' && actual === expected;
  }
  if (typeof expected === 'number') {
    return typeof actual === 'number' && (op === 'eq' || isOrderingOp(op)) && order(op, actual, expected);
  }
  if (typeof actual !== 'string') {
    return false;
  }
  if (definition?.type === 'dateTime' && (op === 'eq' || isOrderingOp(op))) {
    const actualTime = parseDateTime(actual);
    const expectedTime = parseDateTime(expected);
    return actualTime !== undefined && expectedTime !== undefined && order(op, actualTime, expectedTime);
  }
  const exact = definition?.caseExact === true || definition?.type === 'binary';
  const a = exact ? actual : actual.toLowerCase();
  const e = exact ? expected : expected.toLowerCase();
  switch (op) {
    case 'co':
      return a.includes(e);
    case 'sw':
      return a.startsWith(e);
    case 'ew':
      return a.endsWith(e);
    default:
      return order(op, a, e);
  }
}

/** eq / gt / ge / lt / le on two values of one primitive type (other operators: false). */
function order<T extends string | number>(op: CompareOp, a: T, b: T): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    default:
      return false;
  }
}

const MAX_PRESENCE_DEPTH = 8;

/** RFC 7644 `pr`: a non-empty value, or a complex value with a present member. */
function isPresent(value: unknown, depth: number): boolean {
  if (value === null || value === undefined || value === '') {
    return false;
  }
  if (depth >= MAX_PRESENCE_DEPTH) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some((item) => isPresent(item, depth + 1));
  }
  if (isJsonObject(value)) {
    return Object.values(value).some((item) => isPresent(item, depth + 1));
  }
  return true;
}

/** `[v]` → `[v]`, `[[a, b]]` → `[a, b]`, dropping undefined. */
function flatten(values: unknown[]): unknown[] {
  return values.flatMap((value) => (Array.isArray(value) ? value : [value])).filter((value) => value !== undefined);
}
