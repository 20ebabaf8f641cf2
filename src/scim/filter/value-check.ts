import { ScimError } from '../errors/scim-error';
import { AttributeDefinition } from '../schemas/types';
import { CompareOp, Literal } from './ast';
import { isDateTime } from './datetime';
import { formatLiteral } from './format';

/**
 * Whether a comparison `attr op value` makes sense for the attribute's type (RFC 7644 §3.4.2.2 and
 * RFC 7643 §2.3): the binder calls this for every comparison so that a filter that can never match
 * because of a type error is refused (400) rather than answered with an empty result.
 *
 * | type                 | eq, ne                  | co, sw, ew      | gt, ge, lt, le     |
 * |----------------------|-------------------------|-----------------|--------------------|
 * | string, reference    | string                  | string          | string             |
 * | binary               | string                  | string          | refused            |
 * | dateTime             | RFC 3339 string         | any string      | RFC 3339 string    |
 * | integer, decimal     | number                  | refused         | number             |
 * | boolean              | true / false            | refused         | refused            |
 *
 * `null` is accepted with `eq` and `ne` only (for "is absent" / "is present").
 */

const ORDERING: ReadonlySet<CompareOp> = new Set<CompareOp>(['gt', 'ge', 'lt', 'le']);
const SUBSTRING: ReadonlySet<CompareOp> = new Set<CompareOp>(['co', 'sw', 'ew']);

/** True for gt, ge, lt, le. */
export function isOrderingOp(op: CompareOp): boolean {
  return ORDERING.has(op);
}

/** True for co, sw, ew. */
export function isSubstringOp(op: CompareOp): boolean {
  return SUBSTRING.has(op);
}

/**
 * Throws a 400 of `scimType` unless `attribute` (a simple attribute or sub-attribute, written `text`
 * in the filter) can be compared with `value` by `op`.
 */
export function checkComparison(
  text: string,
  attribute: AttributeDefinition,
  op: CompareOp,
  value: Literal,
  scimType: 'invalidFilter' | 'invalidPath',
): void {
  const refuse = (detail: string): ScimError => ScimError.badRequest(scimType, detail);
  const type = attribute.type;
  if (value === null) {
    if (op !== 'eq' && op !== 'ne') {
      throw refuse(`Operator "${op}" cannot compare "${text}" with null (only eq and ne can)`);
    }
    return;
  }
  if (
    (isOrderingOp(op) && (type === 'boolean' || type === 'binary' || type === 'complex')) ||
    (isSubstringOp(op) && (type === 'boolean' || type === 'integer' || type === 'decimal' || type === 'complex'))
  ) {
    throw refuse(`Operator "${op}" cannot be used on the ${type} attribute "${text}"`);
  }
  const shown = formatLiteral(value);
  switch (type) {
    case 'boolean':
      if (typeof value !== 'boolean') {
        throw refuse(`Attribute "${text}" is boolean: compare it with true or false, not ${shown}`);
      }
      return;
    case 'integer':
    case 'decimal':
      if (typeof value !== 'number') {
        throw refuse(
          `Attribute "${text}" is ${type === 'integer' ? 'an' : 'a'} ${type}: compare it with a number, not ${shown}`,
        );
      }
      return;
    case 'dateTime':
      if (typeof value !== 'string' || (!isSubstringOp(op) && !isDateTime(value))) {
        throw refuse(
          `Attribute "${text}" is a dateTime: compare it with an RFC 3339 date-time such as ` +
            `"2011-05-13T04:42:34Z", not ${shown}`,
        );
      }
      return;
    default:
      if (typeof value !== 'string') {
        throw refuse(`Attribute "${text}" is a ${type}: compare it with a quoted string, not ${shown}`);
      }
  }
}
