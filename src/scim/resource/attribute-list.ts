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
 */
export function parseAttributeList(
  param: string | undefined,
  schemas: ResourceSchemas,
  name: 'attributes' | 'excludedAttributes',
): string[] | undefined {
  if (param === undefined) return undefined;
  const paths: string[] = [];
  for (const raw of param.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    let path: string;
    if (item.toLowerCase() === 'schemas') {
      path = 'schemas';
    } else {
      const resolved = resolvePath(item, schemas);
      if (resolved) path = formatPath(resolved);
      else if (schemas.unknownAttributes === 'store' && isStorableUnknown(item)) path = item;
      else throw ScimError.badRequest('invalidValue', `Unknown attribute "${item}" in ${name}`);
    }
    if (!paths.includes(path)) paths.push(path);
  }
  return paths.length > 0 ? paths : undefined;
}
