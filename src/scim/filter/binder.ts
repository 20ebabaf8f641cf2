import { ScimError } from '../errors/scim-error';
import { AttributeDefinition, SchemaDefinition } from '../schemas/types';
import { AttrPath, Filter, PatchPath } from './ast';
import { COMMON_ATTRIBUTES } from './common-attributes';
import { chainOperands } from './traverse';
import { checkComparison } from './value-check';

/**
 * Resolves the attribute paths of filters and PATCH paths against the schemas of a resource type,
 * case-insensitively (RFC 7643 §2.1), and checks that each comparison fits its attribute's type.
 * Every failure is a 400 (`invalidFilter` for filters, `invalidPath` for PATCH paths): an unknown
 * attribute is never silently "no match".
 */

/** The schemas of one resource type: its core schema and its schema extensions. */
export interface SchemaContext {
  core: SchemaDefinition;
  extensions: readonly SchemaDefinition[];
}

/** An attribute path resolved to its definitions. */
export interface BoundAttribute {
  /** The schema defining the attribute (the core schema for the common attributes). */
  schema: SchemaDefinition;
  attribute: AttributeDefinition;
  sub?: AttributeDefinition;
  /** canonical path, e.g. "name.familyName", "emails.value", or "<urn>:manager.value" for extensions */
  canonical: string;
}

/** The result of {@link bindPatchPath}. */
export type BoundPatchPath =
  /** The path is an extension's URN: the operation targets the whole extension object. */
  | { kind: 'extension'; schema: SchemaDefinition }
  | {
      kind: 'attribute';
      bound: BoundAttribute;
      /** The value filter of `attr[…]`, checked against the attribute's sub-attributes. */
      filter?: Filter;
      /** The sub-attribute after a value filter: `emails[type eq "work"].value`. */
      subAttr?: AttributeDefinition;
    };

export { COMMON_ATTRIBUTES };

/** Which error a binding failure raises. */
export type BindErrorType = 'invalidFilter' | 'invalidPath';

/**
 * Resolves `path`: its URN (the core schema's or an extension's id, case-insensitive) or, without a
 * URN, the core schema and the common attributes; then `attr`, then `sub` among its sub-attributes.
 */
export function bindAttrPath(path: AttrPath, ctx: SchemaContext, errorType: BindErrorType): BoundAttribute {
  const where = errorType === 'invalidFilter' ? 'filter' : 'path';
  let schema = ctx.core;
  if (path.uri !== undefined) {
    const uri = path.uri.toLowerCase();
    const found = [ctx.core, ...ctx.extensions].find((s) => s.id.toLowerCase() === uri);
    if (found === undefined) {
      throw ScimError.badRequest(errorType, `Unknown schema "${path.uri}" in ${where} attribute "${path.text}"`);
    }
    schema = found;
  }
  const isCore = schema === ctx.core;
  const attribute =
    findByName(schema.attributes, path.attr) ?? (isCore ? findByName(COMMON_ATTRIBUTES, path.attr) : undefined);
  if (attribute === undefined) {
    throw ScimError.badRequest(errorType, `Unknown attribute "${path.text}" in ${where}`);
  }
  const prefix = isCore ? '' : `${schema.id}:`;
  if (path.sub === undefined) {
    return { schema, attribute, canonical: `${prefix}${attribute.name}` };
  }
  if (attribute.type !== 'complex') {
    throw ScimError.badRequest(
      errorType,
      `Invalid attribute "${path.text}" in ${where}: "${attribute.name}" has no sub-attributes`,
    );
  }
  const sub = findByName(attribute.subAttributes ?? [], path.sub);
  if (sub === undefined) {
    throw ScimError.badRequest(errorType, `Unknown attribute "${path.text}" in ${where}`);
  }
  return { schema, attribute, sub, canonical: `${prefix}${attribute.name}.${sub.name}` };
}

/**
 * Checks every attribute path and comparison of `filter` (see the module comment); throws a 400
 * `invalidFilter` on the first problem. Returns the bound attribute of every `AttrPath` node, keyed
 * by the node object itself, for compilers that need them: for paths inside a value filter the
 * binding is the outer attribute with `sub` set (`emails[type eq "work"]` → `emails.type`), and a
 * comparison on a complex attribute without a sub-attribute is bound to its `value` sub-attribute
 * (`emails co "example.com"` → `emails.value`, as RFC 7644 §3.4.2.2's examples use it).
 */
export function bindFilter(filter: Filter, ctx: SchemaContext): ReadonlyMap<AttrPath, BoundAttribute> {
  const bindings = new Map<AttrPath, BoundAttribute>();
  checkFilter(filter, { ctx }, 'invalidFilter', bindings);
  return bindings;
}

/**
 * Resolves a PATCH path (RFC 7644 §3.5.2); throws a 400 `invalidPath`. A path that is exactly an
 * extension's URN targets the whole extension object. A value filter needs a multi-valued complex
 * attribute; its paths must be sub-attributes of it (no URN), and `subAttr` one of its sub-attributes.
 */
export function bindPatchPath(path: PatchPath, ctx: SchemaContext): BoundPatchPath {
  const { path: attrPath, filter } = path;
  const bare = attrPath.sub === undefined && filter === undefined && path.subAttr === undefined;
  if (attrPath.uri !== undefined && bare) {
    const urn = `${attrPath.uri}:${attrPath.attr}`.toLowerCase();
    const extension = ctx.extensions.find((s) => s.id.toLowerCase() === urn);
    if (extension !== undefined) {
      return { kind: 'extension', schema: extension };
    }
    if (ctx.core.id.toLowerCase() === urn) {
      throw ScimError.badRequest('invalidPath', `Path "${path.text}" names the core schema, not an attribute`);
    }
  }
  const bound = bindAttrPath(attrPath, ctx, 'invalidPath');
  if (filter === undefined) {
    if (path.subAttr !== undefined) {
      throw ScimError.badRequest('invalidPath', `Path "${path.text}": a sub-attribute after "]" needs a value filter`);
    }
    return { kind: 'attribute', bound };
  }
  if (bound.sub !== undefined || !bound.attribute.multiValued || bound.attribute.type !== 'complex') {
    throw ScimError.badRequest(
      'invalidPath',
      `Path "${path.text}": a value filter needs a multi-valued complex attribute, and "${bound.canonical}" is not one`,
    );
  }
  checkFilter(filter, { ctx, parent: bound }, 'invalidPath', new Map());
  if (path.subAttr === undefined) {
    return { kind: 'attribute', bound, filter };
  }
  const subAttr = findByName(bound.attribute.subAttributes ?? [], path.subAttr);
  if (subAttr === undefined) {
    throw ScimError.badRequest(
      'invalidPath',
      `Unknown sub-attribute "${path.subAttr}" of "${bound.canonical}" in path`,
    );
  }
  return { kind: 'attribute', bound, filter, subAttr };
}

/** Finds a definition by name, case-insensitively (RFC 7643 §2.1). */
export function findByName(definitions: readonly AttributeDefinition[], name: string): AttributeDefinition | undefined {
  const wanted = name.toLowerCase();
  return definitions.find((d) => d.name.toLowerCase() === wanted);
}

/** Where paths resolve: the resource's schemas, or (inside a value filter) the sub-attributes of `parent`. */
interface Scope {
  ctx: SchemaContext;
  parent?: BoundAttribute;
}

/** Walks `root` with an explicit stack (no recursion, whatever the shape of the tree). */
function checkFilter(
  root: Filter,
  rootScope: Scope,
  errorType: BindErrorType,
  bindings: Map<AttrPath, BoundAttribute>,
): void {
  const stack: Array<{ filter: Filter; scope: Scope }> = [{ filter: root, scope: rootScope }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { filter, scope } = item;
    switch (filter.kind) {
      case 'and':
      case 'or':
        for (const operand of chainOperands(filter).reverse()) {
          stack.push({ filter: operand, scope });
        }
        break;
      case 'not':
        stack.push({ filter: filter.filter, scope });
        break;
      case 'valuePath': {
        if (scope.parent !== undefined) {
          throw ScimError.badRequest(
            errorType,
            `Value filters cannot be nested: "${filter.path.text}[…]" inside "${scope.parent.canonical}[…]"`,
          );
        }
        const bound = bindAttrPath(filter.path, scope.ctx, errorType);
        if (bound.sub !== undefined || bound.attribute.type !== 'complex') {
          throw ScimError.badRequest(
            errorType,
            `Attribute "${filter.path.text}" has no sub-attributes, so it cannot have a value filter "[…]"`,
          );
        }
        bindings.set(filter.path, bound);
        stack.push({ filter: filter.filter, scope: { ctx: scope.ctx, parent: bound } });
        break;
      }
      case 'present':
        bindings.set(
          filter.path,
          refuseNeverReturned(bindInScope(filter.path, scope, errorType), filter.path.text, errorType),
        );
        break;
      case 'compare': {
        let bound = refuseNeverReturned(bindInScope(filter.path, scope, errorType), filter.path.text, errorType);
        if ((bound.sub ?? bound.attribute).type === 'complex') {
          bound = impliedValue(bound, filter.path.text, errorType);
        }
        checkComparison(filter.path.text, bound.sub ?? bound.attribute, filter.op, filter.value, errorType);
        bindings.set(filter.path, bound);
        break;
      }
    }
  }
}

/**
 * A filter on an attribute that is never returned (`password`, a custom `returned: never` one) is
 * refused on every server: answering it would tell a client, one request at a time, whether a guess
 * of a secret is right (RFC 7644 §7.2 keeps such values out of reach). The detail names the attribute
 * only, never the compared value.
 */
export function refuseNeverReturned(bound: BoundAttribute, text: string, errorType: BindErrorType): BoundAttribute {
  if (bound.attribute.returned === 'never' || bound.sub?.returned === 'never') {
    const where = errorType === 'invalidFilter' ? 'a filter' : 'a path filter';
    throw ScimError.badRequest(
      errorType,
      `Attribute "${text}" cannot be used in ${where}: its values are never returned ("returned": "never")`,
    );
  }
  return bound;
}

function bindInScope(path: AttrPath, scope: Scope, errorType: BindErrorType): BoundAttribute {
  const parent = scope.parent;
  if (parent === undefined) {
    return bindAttrPath(path, scope.ctx, errorType);
  }
  const where = errorType === 'invalidFilter' ? 'filter' : 'path';
  if (path.uri !== undefined) {
    throw ScimError.badRequest(
      errorType,
      `A schema URN is not allowed inside the value filter of "${parent.canonical}" ("${path.text}")`,
    );
  }
  const sub = findByName(parent.attribute.subAttributes ?? [], path.attr);
  if (sub === undefined) {
    throw ScimError.badRequest(errorType, `Unknown sub-attribute "${path.attr}" of "${parent.canonical}" in ${where}`);
  }
  if (path.sub !== undefined) {
    throw ScimError.badRequest(
      errorType,
      `Invalid attribute "${path.text}" in the value filter of "${parent.canonical}": "${sub.name}" has no sub-attributes`,
    );
  }
  return { ...parent, sub, canonical: `${parent.canonical}.${sub.name}` };
}

/** `emails co "x"` compares `emails.value`; a complex attribute without `value` cannot be compared. */
function impliedValue(bound: BoundAttribute, text: string, errorType: BindErrorType): BoundAttribute {
  const value = findByName(bound.attribute.subAttributes ?? [], 'value');
  if (value === undefined) {
    const example = bound.attribute.subAttributes?.[0]?.name ?? 'value';
    throw ScimError.badRequest(
      errorType,
      `Attribute "${text}" is complex: compare one of its sub-attributes, such as "${text}.${example}"`,
    );
  }
  return { ...bound, sub: value, canonical: `${bound.canonical}.${value.name}` };
}
