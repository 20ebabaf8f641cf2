import { AttrPath } from '../filter/ast';
import { bindAttrPath, SchemaContext } from '../filter/binder';
import { ScimError } from '../errors/scim-error';
import { jsonKey } from './params';
import { ResourceStorage } from './storage';

export type SortOrder = 'ascending' | 'descending';

/**
 * ORDER BY for `sortBy`/`sortOrder` (RFC 7644 §3.4.2.3), always ending with the id so that equal keys
 * have one stable order. Strings sort case-insensitively unless caseExact; resources without a value
 * sort last when ascending and first when descending (PostgreSQL's NULL order). A multi-valued
 * attribute sorts by its primary (else first) value.
 */
export function compileSort(key: SortKey, order: SortOrder, storage: ResourceStorage): string {
  const direction = order === 'descending' ? 'DESC' : 'ASC';
  return `${key.expr} ${direction}, ${storage.id} ${direction}`;
}

/** A sort key: its SQL expression and the type a cursor's text form is cast back to. */
export interface SortKey {
  expr: string;
  cast: 'text' | 'numeric' | 'timestamptz' | 'boolean' | 'uuid';
  /** The key is never NULL (a NOT NULL column): see keysetPage. */
  notNull?: boolean;
}

/** The key `sortBy` names, or `fallback` (creation order) without one. */
export function sortKeyOf(
  path: AttrPath | undefined,
  ctx: SchemaContext,
  storage: ResourceStorage,
  fallback: SortKey,
): SortKey {
  return path ? sortKey(path, ctx, storage) : fallback;
}

/** A filter-grammar error about `sortBy` text, reworded as the sortBy's 400 invalidValue. */
export function sortByError(error: unknown, text: string): unknown {
  if (!(error instanceof ScimError)) return error;
  const reason = error.detail.replace(/^Invalid filter at position \d+: /, '').replace(/ in filter$/, '');
  return ScimError.badRequest('invalidValue', `Invalid sortBy "${text}": ${reason}`);
}

/** The SQL expression a sortBy attribute sorts on. */
export function sortKey(path: AttrPath, ctx: SchemaContext, storage: ResourceStorage): SortKey {
  let bound;
  try {
    bound = bindAttrPath(path, ctx, 'invalidFilter');
  } catch (error) {
    throw sortByError(error, path.text);
  }
  if ((bound.sub ?? bound.attribute).returned === 'never' || bound.attribute.returned === 'never') {
    // Sorting by a secret orders resources by it: a guesser learns it by bisection.
    throw ScimError.badRequest(
      'invalidValue',
      `Cannot sort by "${path.text}": its values are never returned ("returned": "never")`,
    );
  }
  const column = storage.columns[bound.canonical];
  const attribute = bound.sub ?? bound.attribute;
  if (column) {
    const notNull = column.notNull === true ? { notNull: true } : {};
    if (column.kind === 'text')
      return { expr: attribute.caseExact ? column.expr : `lower(${column.expr})`, cast: 'text', ...notNull };
    return { expr: column.expr, cast: column.kind === 'integer' ? 'numeric' : column.kind, ...notNull };
  }
  if (bound.schema.id === ctx.core.id && storage.relations?.[bound.attribute.name]) {
    throw ScimError.badRequest('invalidValue', `Cannot sort by "${path.text}"`);
  }
  const keys = bound.schema.id === ctx.core.id ? [] : [bound.schema.id];
  keys.push(bound.attribute.name);
  let text: string;
  if (bound.attribute.multiValued) {
    const sub = bound.sub?.name ?? (bound.attribute.type === 'complex' ? 'value' : undefined);
    const array = keys.reduce((e, k) => `${e} -> ${jsonKey(k)}`, storage.data);
    const element = sub ? `e.v ->> ${jsonKey(sub)}` : `e.v #>> '{}'`;
    const primaryFirst =
      bound.attribute.type === 'complex' ? `ORDER BY (e.v -> 'primary') = 'true'::jsonb DESC NULLS LAST` : '';
    text = `(SELECT ${element} FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${array}) = 'array' THEN ${array} ELSE '[]'::jsonb END) AS e(v) ${primaryFirst} LIMIT 1)`;
  } else {
    if (attribute.type === 'complex')
      throw ScimError.badRequest(
        'invalidValue',
        `Cannot sort by the complex attribute "${path.text}": name a sub-attribute`,
      );
    if (bound.sub) keys.push(bound.sub.name);
    const last = keys.pop() as string;
    text = `${keys.reduce((e, k) => `${e} -> ${jsonKey(k)}`, storage.data)} ->> ${jsonKey(last)}`;
  }
  switch (attribute.type) {
    case 'integer':
    case 'decimal':
      return { expr: `(${text})::numeric`, cast: 'numeric' };
    case 'dateTime':
      return { expr: `(${text})::timestamptz`, cast: 'timestamptz' };
    case 'boolean':
      return { expr: `(${text})::boolean`, cast: 'boolean' };
    default:
      return { expr: attribute.caseExact ? text : `lower(${text})`, cast: 'text' };
  }
}
