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
export function compileSort(path: AttrPath | undefined, order: SortOrder, ctx: SchemaContext, storage: ResourceStorage, fallback: string): string {
  const direction = order === 'descending' ? 'DESC' : 'ASC';
  if (!path) return `${fallback} ${direction}, ${storage.id} ${direction}`;
  return `${sortKey(path, ctx, storage)} ${direction}, ${storage.id} ${direction}`;
}

/** The SQL expression a sortBy attribute sorts on. */
export function sortKey(path: AttrPath, ctx: SchemaContext, storage: ResourceStorage): string {
  const bound = bindAttrPath(path, ctx, 'invalidFilter');
  const column = storage.columns[bound.canonical];
  const attribute = bound.sub ?? bound.attribute;
  if (column) return column.kind === 'text' && !attribute.caseExact ? `lower(${column.expr})` : column.expr;
  if (storage.relations?.[bound.canonical]) {
    throw ScimError.badRequest('invalidValue', `Cannot sort by "${path.text}"`);
  }
  const keys = bound.schema.id === ctx.core.id ? [] : [bound.schema.id];
  keys.push(bound.attribute.name);
  let text: string;
  if (bound.attribute.multiValued) {
    const sub = bound.sub?.name ?? (bound.attribute.type === 'complex' ? 'value' : undefined);
    const array = keys.reduce((e, k) => `${e} -> ${jsonKey(k)}`, storage.data);
    const element = sub ? `e.v ->> ${jsonKey(sub)}` : `e.v #>> '{}'`;
    const primaryFirst = bound.attribute.type === 'complex' ? `ORDER BY (e.v -> 'primary') = 'true'::jsonb DESC NULLS LAST` : '';
    text = `(SELECT ${element} FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${array}) = 'array' THEN ${array} ELSE '[]'::jsonb END) AS e(v) ${primaryFirst} LIMIT 1)`;
  } else {
    if (attribute.type === 'complex') throw ScimError.badRequest('invalidValue', `Cannot sort by the complex attribute "${path.text}": name a sub-attribute`);
    if (bound.sub) keys.push(bound.sub.name);
    const last = keys.pop() as string;
    text = `${keys.reduce((e, k) => `${e} -> ${jsonKey(k)}`, storage.data)} ->> ${jsonKey(last)}`;
  }
  switch (attribute.type) {
    case 'integer':
    case 'decimal':
      return `(${text})::numeric`;
    case 'dateTime':
      return `(${text})::timestamptz`;
    case 'boolean':
      return `(${text})::boolean`;
    default:
      return attribute.caseExact ? text : `lower(${text})`;
  }
}
