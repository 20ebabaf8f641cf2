import { Leniency } from '../compat/leniency';
import { ScimError } from '../errors/scim-error';
import { AttributeDefinition } from '../schemas';
import { isJsonObject } from '../json';
import { UnknownAttributePolicy } from './resource-type-context';
import { findAttribute } from './schema-paths';
import { describeType, isValidSimpleValue } from './value-types';

/** Where a value sits: its canonical path (for error details) and its path as the client wrote it. */
export interface ValuePath {
  readonly canonical: string;
  readonly written: string;
}

/** State shared by one normalization: the unknown-attribute policy and the paths dropped so far. */
export interface NormalizeContext {
  readonly unknownAttributes: UnknownAttributePolicy;
  readonly ignored: string[];
  /** The subset of `ignored` that no schema defines (readOnly ones are not in it). */
  readonly unknown: string[];
  /** The departures from the RFC this request may take (and records them). */
  readonly leniency: Leniency;
}

function invalid(detail: string): ScimError {
  return ScimError.badRequest('invalidValue', detail);
}

/** Records an attribute that matches no definition, or refuses it under the 'reject' policy. */
export function unknownAttribute(written: string, ctx: NormalizeContext): void {
  if (ctx.unknownAttributes === 'reject') throw invalid(`Unknown attribute "${written}"`);
  ctx.ignored.push(written);
  ctx.unknown.push(written);
}

/** Whether a value counts as absent for "required": missing, null, blank string, empty array or object. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

/** Throws `Attribute "<path>" is required` for the first required definition whose value is empty. */
export function checkRequired(
  defs: readonly AttributeDefinition[],
  holder: Record<string, unknown>,
  pathOf: (def: AttributeDefinition) => string,
): void {
  const missing = defs.find((def) => def.required && def.mutability !== 'readOnly' && isEmptyValue(holder[def.name]));
  if (missing) throw invalid(`Attribute "${pathOf(missing)}" is required`);
}

/**
 * Checks and copies one attribute value against its definition. Returns undefined when the
 * attribute is to be left out: null (absent), readOnly (recorded in `ctx.ignored`), or a
 * complex value with nothing left in it (such values are also dropped from multi-valued
 * attributes). A present complex value must carry its required sub-attributes.
 */
export function normalizeValue(
  def: AttributeDefinition,
  value: unknown,
  path: ValuePath,
  ctx: NormalizeContext,
): unknown {
  if (value === null || value === undefined) return undefined;
  if (def.mutability === 'readOnly') {
    ctx.ignored.push(path.written);
    return undefined;
  }
  if (!def.multiValued) return normalizeSingle(def, value, path, ctx, false);
  if (!Array.isArray(value)) throw invalid(`Attribute "${path.canonical}" is multi-valued and must be an array`);
  const values: unknown[] = [];
  for (const element of value) {
    if (element === null) throw invalid(`Attribute "${path.canonical}" must not contain null values`);
    const normalized = normalizeSingle(def, element, path, ctx, true);
    if (normalized !== undefined) values.push(normalized);
  }
  checkPrimary(def, values, path.canonical);
  return values;
}

function normalizeSingle(
  def: AttributeDefinition,
  value: unknown,
  path: ValuePath,
  ctx: NormalizeContext,
  element: boolean,
): unknown {
  value = lenientValue(def, value, path, ctx.leniency);
  const valid = def.type === 'complex' ? isJsonObject(value) : isValidSimpleValue(def.type, value);
  if (!valid) {
    const subject = element ? `Each value of attribute "${path.canonical}"` : `Attribute "${path.canonical}"`;
    throw invalid(`${subject} must be ${describeType(def.type)}`);
  }
  if (isJsonObject(value)) return normalizeComplex(def, value, path, ctx);
  return def.canonicalOnly && typeof value === 'string' ? canonicalValue(def, value, path) : value;
}

const BOOLEAN_STRING = /^(true|false)$/i;

/**
 * The dialects' spellings of a value, in canonical form: `"True"`/`"false"` for a boolean (Entra,
 * OneLogin templates), a plain id for the manager (Entra) or a group member, a one-element list for a
 * single complex value (Entra's manager). Other values as given.
 */
function lenientValue(def: AttributeDefinition, value: unknown, path: ValuePath, leniency: Leniency): unknown {
  if (
    Array.isArray(value) &&
    value.length === 1 &&
    def.type === 'complex' &&
    !def.multiValued &&
    isJsonObject(value[0])
  ) {
    leniency.allow('single-value-as-list', () =>
      invalid(`Attribute "${path.canonical}" is single-valued and must be an object, not a list`),
    );
    return value[0];
  }
  if (typeof value !== 'string') return value;
  if (def.type === 'boolean' && BOOLEAN_STRING.test(value)) {
    leniency.allow('boolean-string', () =>
      invalid(
        `Attribute "${path.canonical}" must be a boolean (true or false), not the string ${JSON.stringify(value)}`,
      ),
    );
    return value.toLowerCase() === 'true';
  }
  const kind =
    def.type === 'complex' && findAttribute(def.subAttributes, 'value') ? BARE_VALUE_KINDS[def.name] : undefined;
  if (kind !== undefined) {
    leniency.allow(kind, () =>
      invalid(
        `Attribute "${path.canonical}" must be an object such as {"value": ${JSON.stringify(value)}}, not a bare string`,
      ),
    );
    return { value };
  }
  return value;
}

/** Complex attributes that dialects send as a bare id, and the counter of each. */
const BARE_VALUE_KINDS: Readonly<Record<string, 'manager-string' | 'bare-member-value'>> = {
  manager: 'manager-string',
  members: 'bare-member-value',
};

/** A value of an attribute restricted to its canonical values, spelled as declared (matched per caseExact). */
function canonicalValue(def: AttributeDefinition, value: string, path: ValuePath): string {
  const values = def.canonicalValues ?? [];
  const found =
    values.find((v) => v === value) ??
    (def.caseExact ? undefined : values.find((v) => v.toLowerCase() === value.toLowerCase()));
  if (found === undefined)
    throw invalid(`Attribute "${path.canonical}" must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  return found;
}

/** Sub-attributes: canonical names, each value checked; never a complex value inside (RFC 7643 §2.3.8). */
function normalizeComplex(
  def: AttributeDefinition,
  value: Record<string, unknown>,
  path: ValuePath,
  ctx: NormalizeContext,
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const [key, subValue] of Object.entries(value)) {
    if (subValue === null) continue;
    const written = `${path.written}.${key}`;
    const sub = findAttribute(def.subAttributes, key);
    if (!sub) {
      unknownAttribute(written, ctx);
      continue;
    }
    const canonical = `${path.canonical}.${sub.name}`;
    if (seen.has(sub.name))
      throw ScimError.badRequest('invalidSyntax', `Attribute "${canonical}" is given more than once`);
    seen.add(sub.name);
    const normalized = normalizeValue(sub, subValue, { canonical, written }, ctx);
    if (normalized !== undefined) out[sub.name] = normalized;
  }
  checkRequired(def.subAttributes ?? [], out, (sub) => `${path.canonical}.${sub.name}`);
  return Object.keys(out).length === 0 ? undefined : out;
}

/** RFC 7643 §2.4: the primary attribute value "true" MUST appear no more than once. */
function checkPrimary(def: AttributeDefinition, values: readonly unknown[], path: string): void {
  const primary = findAttribute(def.subAttributes, 'primary');
  if (!primary || primary.type !== 'boolean') return;
  const count = values.filter((v) => isJsonObject(v) && v[primary.name] === true).length;
  if (count > 1) throw invalid(`Attribute "${path}" must have at most one value with "primary": true`);
}
