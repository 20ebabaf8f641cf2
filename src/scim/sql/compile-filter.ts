import { AttributeDefinition } from '../schemas/types';
import { AttrPath, CompareOp, Filter, Literal } from '../filter/ast';
import { bindAttrPath, bindFilter, BoundAttribute, SchemaContext } from '../filter/binder';
import { chainOperands, LogicalFilter } from '../filter/traverse';
import { ScimError } from '../errors/scim-error';
import { escapeLike, jsonKey, SqlParams } from './params';
import { ColumnKind, RelationAttribute, ResourceStorage } from './storage';
import { lookupKey, MAX_KEYED_VALUE } from '../resource/lookup-keys';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Compiles a SCIM filter to one boolean SQL expression over the resource row `storage` describes.
 * Every value is a parameter (never spliced). Leaves stay plain (`lower(r.user_name) = lower($2)`) so
 * that the planner can use expression indexes; a leaf on an absent attribute is NULL, which WHERE,
 * AND and OR treat as false, and `not` wraps its operand in COALESCE(…, false) so that SCIM's
 * two-valued logic holds there too: an absent attribute equals nothing.
 */
export function compileFilter(filter: Filter, ctx: SchemaContext, storage: ResourceStorage, params: SqlParams): string {
  bindFilter(filter, ctx);
  return new FilterCompiler(ctx, storage, params).compile(filter);
}

/** What a compiler supplies for the leaves; the logic (and, or, not) is the same for all. */
interface LeafCompiler {
  leaf(path: AttrPath, op: CompareOp | 'pr', value: Literal): string;
  valuePath(path: AttrPath, inner: Filter): string;
}

function compileTree(filter: Filter, leaves: LeafCompiler): string {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return chain(filter, (f) => compileTree(f, leaves));
    case 'not':
      return `(NOT COALESCE(${compileTree(filter.filter, leaves)}, false))`;
    case 'present':
      return leaves.leaf(filter.path, 'pr', null);
    case 'compare':
      return leaves.leaf(filter.path, filter.op, filter.value);
    case 'valuePath':
      return leaves.valuePath(filter.path, filter.filter);
  }
}

/** `a or b or c` is a left-leaning tree; it compiles flat, so a long chain nests nothing in SQL. */
function chain(filter: LogicalFilter, compile: (f: Filter) => string): string {
  return `(${chainOperands(filter)
    .map(compile)
    .join(filter.kind === 'and' ? ' AND ' : ' OR ')})`;
}

class FilterCompiler {
  constructor(
    private readonly ctx: SchemaContext,
    private readonly storage: ResourceStorage,
    private readonly params: SqlParams,
  ) {}

  compile(filter: Filter): string {
    return compileTree(filter, this);
  }

  leaf(path: AttrPath, op: CompareOp | 'pr', value: Literal): string {
    const bound = defaultValueSub(bindAttrPath(path, this.ctx, 'invalidFilter'));
    if (this.storage.unfilterable?.includes(bound.canonical))
      throw ScimError.badRequest('invalidFilter', `"${path.text}" cannot be used in a filter`);
    if (bound.canonical === 'schemas') return this.schemas(op, value, path);
    const relation = this.relationOf(bound);
    if (relation) {
      const column = relation.columns[bound.sub?.name ?? 'value'];
      if (!column) throw ScimError.badRequest('invalidFilter', `"${path.text}" cannot be used in a filter`);
      if (op === 'pr') return relation.exists('true');
      const condition = (o: CompareOp) =>
        columnCondition(column, column.caseExact, { op: o, value, path }, this.params);
      return op === 'ne' ? `(NOT ${relation.exists(condition('eq'))})` : relation.exists(condition(op));
    }
    const column = this.storage.columns[bound.canonical];
    if (column) return columnCondition(column, caseExactOf(bound), { op, value, path }, this.params);
    if (bound.attribute.multiValued) {
      // Any element matches; `ne` means no element equals (as the in-memory evaluator has it).
      const element = bound.sub ? jsonPath('e.v', [bound.sub.name]) : 'e.v';
      const condition = jsonCondition(
        element,
        bound.sub ?? bound.attribute,
        { op: op === 'ne' ? 'eq' : op, value, path },
        this.params,
      );
      const exists = `EXISTS (SELECT 1 FROM ${elements(this.documentPath(bound, false))} AS e(v) WHERE ${condition})`;
      if (op === 'ne') return `(NOT ${exists})`;
      const index =
        op === 'eq'
          ? (this.indexedValue(bound.canonical, bound.sub ?? bound.attribute, value) ?? this.lookupKey(bound, value))
          : undefined;
      return index ? `(${index} AND ${exists})` : exists;
    }
    const condition = jsonCondition(
      this.documentPath(bound, true),
      bound.sub ?? bound.attribute,
      { op, value, path },
      this.params,
    );
    const key = op === 'eq' ? this.lookupKey(bound, value) : undefined;
    return key ? `(${key} AND ${condition})` : condition;
  }

  /** `<lookup keys> @> ARRAY['<key>']` when the server keys this attribute for lookup (the condition itself still applies). */
  private lookupKey(bound: BoundAttribute, value: Literal): string | undefined {
    const index = this.storage.lookup;
    const attribute = bound.sub ? undefined : index?.attributes.get(bound.canonical.toLowerCase());
    if (!index || !attribute || typeof value !== 'string' || value.length > MAX_KEYED_VALUE) return undefined;
    return `(${index.column} @> ARRAY[${this.params.add(lookupKey(index.prefix, attribute, value))}::text])`;
  }

  /** A core multi-valued attribute kept in another table (`members`, `groups`). */
  private relationOf(bound: BoundAttribute): RelationAttribute | undefined {
    return bound.schema.id === this.ctx.core.id ? this.storage.relations?.[bound.attribute.name] : undefined;
  }

  /** `schemas` is not stored: the core schema is always there, an extension when its object is. */
  private schemas(op: CompareOp | 'pr', value: Literal, path: AttrPath): string {
    if (op === 'pr') return 'true';
    if (op !== 'eq' && op !== 'ne')
      throw ScimError.badRequest('invalidFilter', `Only eq, ne and pr apply to "${path.text}"`);
    const urn = expectString(value, path).toLowerCase();
    const extension = this.ctx.extensions.find((e) => e.id.toLowerCase() === urn);
    const has =
      urn === this.ctx.core.id.toLowerCase()
        ? 'true'
        : extension
          ? `jsonb_exists(${this.storage.data}, ${jsonKey(extension.id)})`
          : 'false';
    return op === 'eq' ? `(${has})` : `(NOT ${has})`;
  }

  /** `emails[type eq "work" and value co "@x"]`: one element must satisfy the whole inner filter. */
  valuePath(path: AttrPath, inner: Filter): string {
    const bound = bindAttrPath(path, this.ctx, 'invalidFilter');
    if (bound.sub || bound.attribute.type !== 'complex') {
      throw ScimError.badRequest('invalidFilter', `"${path.text}[…]" needs a complex attribute`);
    }
    const relation = this.relationOf(bound);
    if (relation) return relation.exists(new ElementCompiler(bound.attribute, this.params, relation).compile(inner));
    const index = this.indexedValueOf(bound, inner);
    const condition = new ElementCompiler(bound.attribute, this.params).compile(inner);
    const document = this.documentPath(bound, false);
    if (!bound.attribute.multiValued)
      return `COALESCE((SELECT ${condition} FROM (SELECT ${document} AS v) AS e), false)`;
    const exists = `EXISTS (SELECT 1 FROM ${elements(document)} AS e(v) WHERE ${condition})`;
    return index ? `(${index} AND ${exists})` : exists;
  }

  /** `value eq "x"` as a conjunct of `attr[…]`: the indexed pre-filter of `attr.value eq "x"`. */
  private indexedValueOf(bound: BoundAttribute, inner: Filter): string | undefined {
    const conjuncts = inner.kind === 'and' ? chainOperands(inner) : [inner];
    const value = bound.attribute.subAttributes?.find((a) => a.name === 'value');
    for (const f of conjuncts) {
      if (
        value &&
        f.kind === 'compare' &&
        f.op === 'eq' &&
        f.path.uri === undefined &&
        f.path.sub === undefined &&
        f.path.attr.toLowerCase() === 'value'
      ) {
        const index = this.indexedValue(`${bound.canonical}.value`, value, f.value);
        if (index) return index;
      }
    }
    return undefined;
  }

  /** `<indexed array> @> ["x"]` when a GIN index holds this sub-attribute's lower-cased values. */
  private indexedValue(canonical: string, attribute: AttributeDefinition, value: Literal): string | undefined {
    const expr = this.storage.valueIndexes?.[canonical];
    if (!expr || typeof value !== 'string' || attribute.caseExact || attribute.type !== 'string') return undefined;
    return `(${expr} @> jsonb_build_array(lower(${this.params.add(value)}::text)))`;
  }

  /** The JSONB expression of an attribute in the document (`withSub`: down to its sub-attribute). */
  private documentPath(bound: BoundAttribute, withSub: boolean): string {
    const keys = bound.schema.id === this.ctx.core.id ? [] : [bound.schema.id];
    keys.push(bound.attribute.name);
    if (withSub && bound.sub) keys.push(bound.sub.name);
    return jsonPath(this.storage.data, keys);
  }
}

/** Compiles the inner filter of a valuePath against one element `e.v` (paths are sub-attributes). */
class ElementCompiler {
  constructor(
    private readonly parent: AttributeDefinition,
    private readonly params: SqlParams,
    /** When the elements are rows of another table rather than JSON array elements. */
    private readonly relation?: RelationAttribute,
  ) {}

  compile(filter: Filter): string {
    return compileTree(filter, this);
  }

  valuePath(path: AttrPath): string {
    throw ScimError.badRequest('invalidFilter', `A value filter cannot be nested inside another: "${path.text}[…]"`);
  }

  leaf(path: AttrPath, op: CompareOp | 'pr', value: Literal): string {
    const name = path.sub === undefined && path.uri === undefined ? path.attr.toLowerCase() : undefined;
    const sub = this.parent.subAttributes?.find((a) => a.name.toLowerCase() === name);
    if (!sub)
      throw ScimError.badRequest(
        'invalidFilter',
        `Unknown sub-attribute "${path.text}" of "${this.parent.name}" in filter`,
      );
    if (this.relation) {
      const column = this.relation.columns[sub.name];
      if (!column)
        throw ScimError.badRequest('invalidFilter', `"${this.parent.name}.${sub.name}" cannot be used in a filter`);
      if (op === 'pr') return 'true';
      return columnCondition(column, column.caseExact, { op, value, path }, this.params);
    }
    return jsonCondition(jsonPath('e.v', [sub.name]), sub, { op, value, path }, this.params);
  }
}

/** RFC 7644 §3.4.2.2: a complex multi-valued attribute without a sub-attribute compares its `value`. */
function defaultValueSub(bound: BoundAttribute): BoundAttribute {
  if (bound.sub || bound.attribute.type !== 'complex') return bound;
  const value = bound.attribute.subAttributes?.find((a) => a.name === 'value');
  return value ? { ...bound, sub: value, canonical: `${bound.canonical}.value` } : bound;
}

function caseExactOf(bound: BoundAttribute): boolean {
  return (bound.sub ?? bound.attribute).caseExact;
}

/** `base -> 'a' -> 'b'` (JSONB). */
function jsonPath(base: string, keys: string[]): string {
  return keys.reduce((expr, key) => `${expr} -> ${jsonKey(key)}`, base);
}

/** The elements of a JSONB array, or none when the value is absent or not an array. */
function elements(json: string): string {
  return `jsonb_array_elements(CASE WHEN jsonb_typeof(${json}) = 'array' THEN ${json} ELSE '[]'::jsonb END)`;
}

/** One comparison of a filter: the attribute path as written, the operator and the literal. */
interface Comparison<Op extends CompareOp | 'pr' = CompareOp | 'pr'> {
  op: Op;
  value: Literal;
  path: AttrPath;
}

function columnCondition(
  column: { expr: string; kind: ColumnKind },
  caseExact: boolean,
  comparison: Comparison,
  params: SqlParams,
): string {
  const { expr, kind } = column;
  const { op, value, path } = comparison;
  if (op === 'pr') return kind === 'text' ? `(${expr} IS NOT NULL AND ${expr} <> '')` : `(${expr} IS NOT NULL)`;
  if (value === null) return nullComparison(expr, op, path);
  switch (kind) {
    case 'text':
      return stringCondition(expr, caseExact, op, expectString(value, path), params);
    case 'uuid': {
      const text = expectString(value, path);
      if (op === 'eq') return UUID.test(text) ? `(${expr} = ${params.add(text.toLowerCase())}::uuid)` : 'false';
      if (op === 'ne')
        return UUID.test(text) ? `(${expr} IS NULL OR ${expr} <> ${params.add(text.toLowerCase())}::uuid)` : 'true';
      return stringCondition(`${expr}::text`, false, op, text, params);
    }
    case 'boolean':
      return booleanCondition(expr, { op, value, path }, params);
    case 'integer':
      return orderedCondition(expr, op, `${params.add(expectNumber(value, path))}::numeric`);
    case 'timestamptz':
      if (op === 'co' || op === 'sw' || op === 'ew')
        return stringCondition(isoText(expr), true, op, expectString(value, path), params);
      return orderedCondition(expr, op, `${params.add(expectDate(value, path))}::timestamptz`);
  }
}

/** A condition on a JSONB value (`json`) of the given attribute type. */
function jsonCondition(
  json: string,
  attribute: AttributeDefinition,
  comparison: Comparison,
  params: SqlParams,
): string {
  const { op, value, path } = comparison;
  const text = / -> '[^']*'$/.test(json) ? json.replace(/ -> ('[^']*')$/, ' ->> $1') : `(${json} #>> '{}')`;
  if (op === 'pr') {
    return `COALESCE(jsonb_typeof(${json}) NOT IN ('null') AND ${json} NOT IN ('""'::jsonb, '[]'::jsonb, '{}'::jsonb), false)`;
  }
  if (value === null) return nullComparison(`NULLIF(${json}, 'null'::jsonb)`, op, path);
  switch (attribute.type) {
    case 'boolean':
      return booleanCondition(json, { op, value, path }, params, true);
    case 'integer':
    case 'decimal':
      return `(jsonb_typeof(${json}) = 'number' AND ${orderedCondition(`(${json})::numeric`, op, `${params.add(expectNumber(value, path))}::numeric`)})`;
    case 'dateTime':
      if (op === 'co' || op === 'sw' || op === 'ew')
        return stringCondition(text, true, op, expectString(value, path), params);
      return orderedCondition(`(${text})::timestamptz`, op, `${params.add(expectDate(value, path))}::timestamptz`);
    case 'complex':
      throw ScimError.badRequest('invalidFilter', `"${path.text}" is complex: compare one of its sub-attributes`);
    default:
      return stringCondition(text, attribute.caseExact, op, expectString(value, path), params);
  }
}

function stringCondition(expr: string, caseExact: boolean, op: CompareOp, value: string, params: SqlParams): string {
  const [left, fold] = caseExact ? [expr, (p: string) => p] : [`lower(${expr})`, (p: string) => `lower(${p})`];
  const like = (pattern: string) => `(${left} LIKE ${fold(params.add(pattern))} ESCAPE '\\')`;
  switch (op) {
    case 'eq':
      return `(${left} = ${fold(params.add(value))})`;
    case 'ne':
      return `(${left} IS NULL OR ${left} <> ${fold(params.add(value))})`;
    case 'co':
      return like(`%${escapeLike(value)}%`);
    case 'sw':
      return like(`${escapeLike(value)}%`);
    case 'ew':
      return like(`%${escapeLike(value)}`);
    default:
      return orderedCondition(left, op, fold(params.add(value)));
  }
}

/** A timestamptz as scimd writes dateTimes (`2026-11-24T05:39:36.671Z`), for substring filters. */
function isoText(expr: string): string {
  return `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

function orderedCondition(expr: string, op: CompareOp, param: string): string {
  const sql: Partial<Record<CompareOp, string>> = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' };
  const operator = sql[op];
  if (!operator) throw ScimError.badRequest('invalidFilter', `Operator "${op}" applies to strings only`);
  return op === 'ne' ? `(${expr} IS NULL OR ${expr} <> ${param})` : `(${expr} ${operator} ${param})`;
}

function booleanCondition(expr: string, comparison: Comparison<CompareOp>, params: SqlParams, json = false): string {
  const { op, value, path } = comparison;
  if (typeof value !== 'boolean')
    throw ScimError.badRequest('invalidFilter', `"${path.text}" is a boolean: compare it with true or false`);
  if (op !== 'eq' && op !== 'ne')
    throw ScimError.badRequest('invalidFilter', `"${path.text}" is a boolean: only eq and ne apply`);
  const param = json ? `to_jsonb(${params.add(value)}::boolean)` : `${params.add(value)}::boolean`;
  return op === 'eq' ? `(${expr} = ${param})` : `(${expr} IS NULL OR ${expr} <> ${param})`;
}

function nullComparison(expr: string, op: CompareOp, path: AttrPath): string {
  if (op === 'eq') return `(${expr} IS NULL)`;
  if (op === 'ne') return `(${expr} IS NOT NULL)`;
  throw ScimError.badRequest('invalidFilter', `Only eq and ne compare "${path.text}" with null`);
}

function expectString(value: Literal, path: AttrPath): string {
  if (typeof value !== 'string')
    throw ScimError.badRequest('invalidFilter', `"${path.text}" is a string: compare it with a quoted value`);
  return value;
}

function expectNumber(value: Literal, path: AttrPath): number {
  if (typeof value !== 'number')
    throw ScimError.badRequest('invalidFilter', `"${path.text}" is a number: compare it with a number`);
  return value;
}

function expectDate(value: Literal, path: AttrPath): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw ScimError.badRequest(
      'invalidFilter',
      `"${path.text}" is a dateTime: compare it with a quoted date such as "2011-05-13T04:42:34Z"`,
    );
  }
  return value;
}
