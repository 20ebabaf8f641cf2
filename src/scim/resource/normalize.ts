import { Leniency } from '../compat/leniency';
import { qualifiedName } from '../compat/qualify';
import { ScimError } from '../errors/scim-error';
import { AttributeDefinition, SchemaDefinition } from '../schemas';
import { isJsonObject } from '../json';
import { checkRequired, NormalizeContext, normalizeValue, unknownAttribute } from './normalize-value';
import { isStorableUnknown, ResourceSchemas, UnknownAttributePolicy } from './resource-type-context';
import { attributePath, findAttribute, findExtension, resolvePath } from './schema-paths';

/** POST (RFC 7644 §3.3) or PUT (§3.5.1). */
export type NormalizeMode = 'create' | 'replace';

/** How to treat attributes that no schema defines. */
export interface NormalizeOptions {
  /**
   * 'ignore': drop them and list them in `ignored` and `unknown`; 'reject': 400 invalidValue;
   * 'store': keep top-level ones with a plain name as sent (others are ignored). Default: the
   * schemas' own policy, else 'ignore'.
   */
  unknownAttributes?: UnknownAttributePolicy;
  /** The dialect departures allowed (boolean strings, bare ids, the SCIM 1.1 URN), recorded there; default none. */
  leniency?: Leniency;
}

/** A checked resource in canonical form, and what was dropped from the request. */
export interface NormalizeResult {
  resource: Record<string, unknown>;
  /**
   * Paths of attributes dropped because they are unknown or readOnly, as the client wrote them
   * (`Meta`, `members.display`, `<urn as written>:manager.displayName`, `schemas:<urn>`), each once.
   */
  ignored: string[];
  /** The paths of `ignored` that no schema defines (not readOnly ones, not unknown `schemas` URNs). */
  unknown: string[];
}

/** An extension attribute named without its URN (`"manager": …`), resolved when the leniency allows it. */
function qualifiedTarget(key: string, schemas: ResourceSchemas, ctx: NormalizeContext): ReturnType<typeof resolvePath> {
  const name = key.includes('.') ? undefined : qualifiedName(key, schemas, ctx.leniency);
  return name === undefined ? undefined : resolvePath(name, schemas);
}

/** The SCIM 1.1 core schema (users and groups alike), taken for the 2.0 core schema of these types. */
const SCIM11_CORE_URN = 'urn:scim:schemas:core:1.0';
const SCIM11_CORE = new Set([
  'urn:ietf:params:scim:schemas:core:2.0:User',
  'urn:ietf:params:scim:schemas:core:2.0:Group',
]);

function syntax(detail: string): ScimError {
  return ScimError.badRequest('invalidSyntax', detail);
}

/** The extensions listed in "schemas"; unknown URNs are recorded as ignored. */
function readSchemas(body: Record<string, unknown>, schemas: ResourceSchemas, ctx: NormalizeContext): Set<string> {
  const keys = Object.keys(body).filter((key) => key.toLowerCase() === 'schemas');
  if (keys.length > 1) throw syntax('Attribute "schemas" is given more than once');
  const list = keys.length === 1 ? body[keys[0]] : undefined;
  const core = schemas.core.id.toLowerCase();
  const refusal = () => syntax(`"schemas" must be an array of strings that contains "${schemas.core.id}"`);
  if (!Array.isArray(list) || !list.every((urn): urn is string => typeof urn === 'string')) throw refusal();
  let scim11 = false;
  if (!list.some((urn) => urn.toLowerCase() === core)) {
    // OneLogin templates copied from SCIM 1.1 guides name the 1.1 core schema on a 2.0 connector.
    if (!SCIM11_CORE.has(schemas.core.id) || !list.some((urn) => urn.toLowerCase() === SCIM11_CORE_URN))
      throw refusal();
    ctx.leniency.allow('scim11-urn', () =>
      syntax(`"schemas" must contain "${schemas.core.id}", not the SCIM 1.1 URN "${SCIM11_CORE_URN}"`),
    );
    scim11 = true;
  }
  const present = new Set<string>();
  for (const urn of list) {
    if (urn.toLowerCase() === core || (scim11 && urn.toLowerCase() === SCIM11_CORE_URN)) continue;
    const extension = findExtension(schemas, urn);
    if (extension) present.add(extension.id);
    else ctx.ignored.push(`schemas:${urn}`);
  }
  return present;
}

/**
 * Checks a POST or PUT body against the resource type's schemas and returns a new resource in
 * canonical form (RFC 7643 §2, §3; RFC 7644 §3.3, §3.5.1). The input is never modified.
 *
 * - Attribute names and extension URNs match case-insensitively and come out canonical.
 *   `<core URN>:<attr>` and `<extension URN>:<attr>` at the top level name that attribute
 *   (no sub-attribute in such keys: `<urn>:name.givenName` is an unknown attribute).
 * - `schemas` must list the core URN (with a leniency that allows `scim11-urn`, the SCIM 1.1 core URN
 *   `urn:scim:schemas:core:1.0` stands for it). With a leniency, boolean strings ("True") and bare ids
 *   for `manager` / `members` are taken too (see NormalizeOptions.leniency). The output lists the core URN, then every supported
 *   extension named in `schemas` or carrying an object in the body, in definition order;
 *   unsupported URNs are dropped (`schemas:<urn>` in `ignored`). An extension object appears
 *   only when it has attributes left.
 * - readOnly attributes and sub-attributes are dropped (unchecked) and listed; `null` means
 *   absent and is dropped silently, even under an unknown name; `[]` is kept; a complex value
 *   left empty is dropped (and so is such a value inside a multi-valued attribute).
 * - Types are checked (400 invalidValue naming the canonical path); a multi-valued attribute
 *   must be an array; at most one value may have `"primary": true`.
 * - Required attributes must be non-empty, in both modes; required extensions must be present.
 * - The same attribute under two spellings is 400 invalidSyntax.
 *
 * `mode` does not change these rules, which RFC 7644 states alike for POST and PUT; on PUT,
 * also call {@link checkImmutable} (and {@link carryImmutable}) with the stored resource.
 */
export function normalizeResource(
  body: unknown,
  schemas: ResourceSchemas,
  mode: NormalizeMode,
  options: NormalizeOptions = {},
): NormalizeResult {
  if (!isJsonObject(body)) throw syntax('The request body must be a JSON object');
  const ctx: NormalizeContext = {
    unknownAttributes: options.unknownAttributes ?? schemas.unknownAttributes ?? 'ignore',
    ignored: [],
    unknown: [],
    leniency: options.leniency ?? new Leniency(true),
  };
  const present = readSchemas(body, schemas, ctx);
  const core: Record<string, unknown> = {};
  const extensions = new Map<string, Record<string, unknown>>();
  const seen = new Set<string>();

  const put = (def: AttributeDefinition, extension: SchemaDefinition | undefined, value: unknown, written: string) => {
    const canonical = attributePath(def, extension);
    if (seen.has(canonical)) throw syntax(`Attribute "${canonical}" is given more than once`);
    seen.add(canonical);
    const normalized = normalizeValue(def, value, { canonical, written }, ctx);
    if (normalized === undefined) return;
    const holder = extension ? (extensions.get(extension.id) ?? {}) : core;
    holder[def.name] = normalized;
    if (extension) extensions.set(extension.id, holder);
  };

  for (const [key, value] of Object.entries(body)) {
    if (key.toLowerCase() === 'schemas' || value === null) continue;
    const target = resolvePath(key, schemas) ?? qualifiedTarget(key, schemas, ctx);
    if (!target && ctx.unknownAttributes === 'store' && isStorableUnknown(key)) {
      if (seen.has(key.toLowerCase())) throw syntax(`Attribute "${key}" is given more than once`);
      seen.add(key.toLowerCase());
      core[key] = value;
    } else if (!target || target.sub) {
      unknownAttribute(key, ctx);
    } else if (target.attribute) {
      if (target.extension) present.add(target.extension.id);
      put(target.attribute, target.extension, value, key);
    } else if (target.extension) {
      const extension = target.extension;
      present.add(extension.id);
      if (!isJsonObject(value))
        throw ScimError.badRequest('invalidValue', `Attribute "${extension.id}" must be an object`);
      for (const [name, attrValue] of Object.entries(value)) {
        if (attrValue === null) continue;
        const def = findAttribute(extension.attributes, name);
        if (def) put(def, extension, attrValue, `${key}:${name}`);
        else unknownAttribute(`${key}:${name}`, ctx);
      }
    }
  }

  for (const urn of schemas.requiredExtensions ?? []) {
    const extension = findExtension(schemas, urn);
    if (!extension || !present.has(extension.id)) {
      throw ScimError.badRequest('invalidValue', `Extension "${extension?.id ?? urn}" is required`);
    }
  }
  const listed = schemas.extensions.filter((extension) => present.has(extension.id));
  checkRequired(schemas.core.attributes, core, (def) => def.name);
  for (const extension of listed) {
    checkRequired(extension.attributes, extensions.get(extension.id) ?? {}, (def) => attributePath(def, extension));
  }
  const resource: Record<string, unknown> = { schemas: [schemas.core.id, ...listed.map((e) => e.id)], ...core };
  for (const extension of listed) {
    const holder = extensions.get(extension.id);
    if (holder) resource[extension.id] = holder;
  }
  return { resource, ignored: [...new Set(ctx.ignored)], unknown: [...new Set(ctx.unknown)] };
}
