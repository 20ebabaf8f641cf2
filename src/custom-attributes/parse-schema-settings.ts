import { BadRequestException } from '@nestjs/common';
import { SCHEMA } from '../scim/constants';
import { RESOURCE_COMMON_ATTRIBUTES } from '../scim/resource';
import { GROUP_SCHEMA, Mutability, Returned, USER_SCHEMA } from '../scim/schemas';
import {
  CUSTOM_TYPES,
  CustomAttribute,
  CustomResourceType,
  CustomSubAttribute,
  SchemaSettings,
} from './custom-attribute';
import { ROLE_SCHEMA } from './role-schema';
import { isJsonObject } from '../scim/json';

/** RFC 7643 §2.1 ATTRNAME: a letter, then letters, digits, "-" or "_". */
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** A URN (RFC 8141 in outline): `urn:<nid>:<nss>` without spaces, quotes or brackets. */
const URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[A-Za-z0-9()+,\-.:=@;$_!*'%/?#]+$/;
const MUTABILITIES: readonly Mutability[] = ['readOnly', 'readWrite', 'immutable', 'writeOnly'];
const RETURNED: readonly Returned[] = ['always', 'never', 'default', 'request'];
const MAX_ATTRIBUTES = 100;
const MAX_SUB_ATTRIBUTES = 30;
const MAX_CANONICAL_VALUES = 200;
const CORE_URN: Record<CustomResourceType, string> = { User: SCHEMA.user, Group: SCHEMA.group };
const BUILT_IN_URNS = [SCHEMA.user, SCHEMA.group, SCHEMA.enterpriseUser, ROLE_SCHEMA].map((u) => u.toLowerCase());

type Json = Record<string, unknown>;

function fail(detail: string): never {
  throw new BadRequestException(detail);
}

function optional<T>(
  item: Json,
  key: string,
  where: string,
  check: (v: unknown) => v is T,
  expected: string,
): T | undefined {
  const value = item[key];
  if (value === undefined || value === null) return undefined;
  if (!check(value)) fail(`${where}.${key} must be ${expected}`);
  return value;
}

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isString = (v: unknown): v is string => typeof v === 'string';
const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0 && s.length <= 200);
const oneOf =
  <T extends string>(list: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (list as readonly string[]).includes(v);

/** The characteristics shared by attributes and sub-attributes, with the RFC 7643 §2.2 defaults. */
function characteristics(
  item: Json,
  where: string,
  allowComplex: boolean,
): Omit<CustomSubAttribute, 'type'> & { type: CustomAttribute['type'] } {
  const known = new Set([
    'resourceType',
    'schema',
    'name',
    'type',
    'multiValued',
    'required',
    'caseExact',
    'mutability',
    'returned',
    'description',
    'canonicalValues',
    'restrictToCanonicalValues',
    'referenceTypes',
    'subAttributes',
    'uniqueness',
    'lookup',
  ]);
  const stray = Object.keys(item).find((key) => !known.has(key));
  if (stray) fail(`${where}.${stray} is not a characteristic of an attribute`);
  const name = item.name;
  if (typeof name !== 'string' || !ATTRIBUTE_NAME.test(name))
    fail(`${where}.name must be a letter followed by up to 63 letters, digits, "-" or "_"`);
  const types = allowComplex ? CUSTOM_TYPES : CUSTOM_TYPES.filter((t) => t !== 'complex');
  const type = optional(item, 'type', where, oneOf(types), `one of ${types.join(', ')}`) ?? 'string';
  const uniqueness = optional(
    item,
    'uniqueness',
    where,
    oneOf(['none'] as const),
    '"none" (scimd does not enforce uniqueness of custom attributes)',
  );
  void uniqueness;
  const mutability =
    optional(item, 'mutability', where, oneOf(MUTABILITIES), `one of ${MUTABILITIES.join(', ')}`) ?? 'readWrite';
  const returned =
    optional(item, 'returned', where, oneOf(RETURNED), `one of ${RETURNED.join(', ')}`) ??
    (mutability === 'writeOnly' ? 'never' : 'default');
  if (mutability === 'writeOnly' && returned !== 'never')
    fail(`${where}: a writeOnly attribute must have returned "never" (RFC 7643 §7)`);
  const canonicalValues = optional(item, 'canonicalValues', where, isStrings, 'an array of strings (1–200 characters)');
  const restrict = optional(item, 'restrictToCanonicalValues', where, isBool, 'a boolean');
  const referenceTypes = optional(item, 'referenceTypes', where, isStrings, 'an array of strings');
  if (canonicalValues && (type !== 'string' || canonicalValues.length > MAX_CANONICAL_VALUES))
    fail(`${where}.canonicalValues apply to string attributes only, at most ${MAX_CANONICAL_VALUES}`);
  if (restrict && !canonicalValues?.length) fail(`${where}.restrictToCanonicalValues needs canonicalValues`);
  if (referenceTypes && type !== 'reference') fail(`${where}.referenceTypes apply to reference attributes only`);
  const description = optional(item, 'description', where, isString, 'a string') ?? '';
  if (description.length > 1000) fail(`${where}.description must be at most 1000 characters`);
  return {
    name,
    type,
    multiValued: optional(item, 'multiValued', where, isBool, 'a boolean') ?? false,
    required: optional(item, 'required', where, isBool, 'a boolean') ?? false,
    caseExact: optional(item, 'caseExact', where, isBool, 'a boolean') ?? false,
    mutability,
    returned,
    description,
    ...(canonicalValues && { canonicalValues }),
    ...(restrict && { restrictToCanonicalValues: true }),
    ...(type === 'reference' && { referenceTypes: referenceTypes?.length ? referenceTypes : ['external'] }),
  } as Omit<CustomSubAttribute, 'type'> & { type: CustomAttribute['type'] };
}

function subAttributes(item: Json, where: string): CustomSubAttribute[] {
  const list = item.subAttributes;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_SUB_ATTRIBUTES)
    fail(`${where}.subAttributes must be an array of 1–${MAX_SUB_ATTRIBUTES} sub-attributes`);
  const names = new Set<string>();
  return list.map((sub, i) => {
    const at = `${where}.subAttributes[${i}]`;
    if (!isJsonObject(sub)) fail(`${at} must be an object`);
    if (sub.subAttributes !== undefined || sub.resourceType !== undefined || sub.schema !== undefined)
      fail(`${at}: a sub-attribute has no subAttributes, resourceType or schema`);
    if (sub.lookup !== undefined)
      fail(`${at}.lookup: only top-level string and reference attributes are keyed for lookup`);
    const parsed = characteristics(sub, at, false) as CustomSubAttribute;
    if (names.has(parsed.name.toLowerCase())) fail(`${at}.name "${parsed.name}" is declared twice`);
    names.add(parsed.name.toLowerCase());
    return parsed;
  });
}

function attribute(item: unknown, where: string): CustomAttribute {
  if (!isJsonObject(item)) fail(`${where} must be an object`);
  const resourceType = item.resourceType ?? 'User';
  if (resourceType !== 'User' && resourceType !== 'Group') fail(`${where}.resourceType must be "User" or "Group"`);
  const schema = optional(item, 'schema', where, isString, 'a schema URN') ?? CORE_URN[resourceType];
  const core = schema.toLowerCase() === CORE_URN[resourceType].toLowerCase();
  if (!core) {
    if (!URN.test(schema) || schema.length > 200)
      fail(
        `${where}.schema must be the core schema URN or an extension URN such as "urn:ietf:params:scim:schemas:extension:acme:2.0:${resourceType}"`,
      );
    if (BUILT_IN_URNS.includes(schema.toLowerCase())) fail(`${where}.schema "${schema}" is a built-in schema`);
  }
  const base = characteristics(item, where, true);
  const lookup = optional(item, 'lookup', where, isBool, 'a boolean') ?? false;
  if (lookup && base.type !== 'string' && base.type !== 'reference')
    fail(`${where}.lookup applies to string and reference attributes only (eq filters on them are then index-backed)`);
  return {
    resourceType,
    schema: core ? CORE_URN[resourceType] : schema,
    ...base,
    ...(base.type === 'complex' ? { subAttributes: subAttributes(item, where) } : {}),
    ...(lookup && { lookup: true }),
  };
}

/** The built-in attribute names of a resource type's core namespace (common attributes included). */
function builtInNames(resourceType: CustomResourceType): Set<string> {
  const core = resourceType === 'User' ? USER_SCHEMA : GROUP_SCHEMA;
  return new Set(
    [...RESOURCE_COMMON_ATTRIBUTES, ...core.attributes].map((a) => a.name.toLowerCase()).concat('schemas'),
  );
}

/**
 * Checks a `PUT …/attributes` body and returns the settings to store, every characteristic spelled
 * out. 400 (with the offending `attributes[i].field`) for a malformed declaration, a name that clashes
 * with a built-in attribute or another declaration of the same schema, or an extension URN used for
 * both Users and Groups.
 */
export function parseSchemaSettings(body: unknown): SchemaSettings {
  if (!isJsonObject(body)) fail('The body must be an object: {"unknownAttributes": …, "attributes": […]}');
  const stray = Object.keys(body).find((key) => key !== 'unknownAttributes' && key !== 'attributes');
  if (stray) fail(`${stray} is not a schema setting (unknownAttributes, attributes)`);
  const unknownAttributes =
    optional(
      body,
      'unknownAttributes',
      'body',
      oneOf(['ignore', 'reject', 'store'] as const),
      'one of ignore, reject, store',
    ) ?? 'ignore';
  const list = body.attributes ?? [];
  if (!Array.isArray(list) || list.length > MAX_ATTRIBUTES)
    fail(`attributes must be an array of at most ${MAX_ATTRIBUTES} declarations`);
  const spelling = new Map<string, string>();
  const attributes = list.map((item, i) => {
    const parsed = attribute(item, `attributes[${i}]`);
    // One extension, one spelling of its URN: the first declaration's.
    const urn = spelling.get(parsed.schema.toLowerCase()) ?? parsed.schema;
    spelling.set(urn.toLowerCase(), urn);
    return { ...parsed, schema: urn };
  });
  const seen = new Set<string>();
  const urnOwner = new Map<string, CustomResourceType>();
  const builtIn = { User: builtInNames('User'), Group: builtInNames('Group') };
  attributes.forEach((a, i) => {
    const isCore = a.schema === CORE_URN[a.resourceType];
    if (isCore && builtIn[a.resourceType].has(a.name.toLowerCase()))
      fail(`attributes[${i}].name "${a.name}" is a built-in attribute of ${a.resourceType}`);
    const key = `${a.resourceType}|${a.schema.toLowerCase()}|${a.name.toLowerCase()}`;
    if (seen.has(key)) fail(`attributes[${i}]: "${a.name}" is declared twice in ${a.schema}`);
    seen.add(key);
    if (!isCore) {
      const owner = urnOwner.get(a.schema.toLowerCase());
      if (owner && owner !== a.resourceType)
        fail(`attributes[${i}].schema "${a.schema}" is already an extension of ${owner}`);
      urnOwner.set(a.schema.toLowerCase(), a.resourceType);
    }
  });
  return { unknownAttributes, attributes };
}
