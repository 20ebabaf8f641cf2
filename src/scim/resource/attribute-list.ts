import { Leniency } from '../compat/leniency';
import { qualifiedName } from '../compat/qualify';
import { ScimError } from '../errors/scim-error';
import { isStorableUnknown, ResourceSchemas } from './resource-type-context';
import { formatPath, resolvePath } from './schema-paths';

/**
 * Parses the `attributes` or `excludedAttributes` query parameter (RFC 7644 §3.4.2.5, §3.9):
 * a comma-separated list of `attr`, `attr.sub`, `<urn>:attr`, `<urn>:attr.sub` or a bare
 * extension URN, resolved case-insensitively to canonical paths such as `name.givenName`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department` or the extension URN
 * itself. `schemas` is accepted (it is always returned). Items are trimmed, empty items skipped,
 * duplicates dropped. Returns undefined when the parameter is absent or lists nothing.
 *
 * An item that names no attribute is 400 invalidValue `Unknown attribute "<item>" in <name>`:
 * RFC 7644 leaves this case open, and silently ignoring a typo would return (or hide) data the
 * client did not mean to select.
 *
 * With a `leniency`, an item with a value filter (`emails[type eq "work"]`, Microsoft's suite) selects
 * its attribute (`emails`), the filter unused: RFC 7644 §3.9 allows attribute names only. The use is
 * recorded (`attributes-filter`); a strict leniency refuses it. Entra's unqualified `manager` names the
 * enterprise extension's attribute, as in filters and PATCH paths (`unqualified-extension-attribute`).
 */
export function parseAttributeList(
  param: string | undefined,
  schemas: ResourceSchemas,
  name: 'attributes' | 'excludedAttributes',
  leniency?: Leniency,
): string[] | undefined {
  if (param === undefined) return undefined;
  const paths: string[] = [];
  for (const raw of splitItems(param)) {
    let item = raw.trim();
    if (item === '') continue;
    const filtered = VALUE_FILTER.exec(item);
    if (filtered && leniency) {
      const written = item;
      leniency.allow('attributes-filter', () =>
        ScimError.badRequest(
          'invalidValue',
          `${name} lists attribute names only, not value filters: "${written}" (select "${filtered[1]}${filtered[2] ?? ''}" instead)`,
        ),
      );
      item = `${filtered[1]}${filtered[2] ?? ''}`;
    }
    let path: string;
    if (item.toLowerCase() === 'schemas') {
      path = 'schemas';
    } else {
      // Only an unqualified name that no core attribute has is qualified (see qualifiedName).
      const resolved = resolvePath(qualifiedName(item, schemas, leniency) ?? item, schemas);
      if (resolved) path = formatPath(resolved);
      else if (schemas.unknownAttributes === 'store' && isStorableUnknown(item)) path = item;
      else throw ScimError.badRequest('invalidValue', `Unknown attribute "${item}" in ${name}`);
    }
    if (!paths.includes(path)) paths.push(path);
  }
  return paths.length > 0 ? paths : undefined;
}

/** `attr[filter]` or `attr[filter].sub`: the attribute, the filter, the sub-attribute. */
const VALUE_FILTER = /^([^[\]]+)\[(?:[^"\]]|"(?:[^"\\]|\\.)*")*\](\.[A-Za-z][\w$-]*)?$/;

/** The comma-separated items, commas inside `[…]` value filters kept. */
function splitItems(param: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < param.length; i++) {
    const c = param[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"' && depth > 0) quoted = true;
    else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      items.push(param.slice(start, i));
      start = i + 1;
    }
  }
  items.push(param.slice(start));
  return items;
}
