import { RoleMappingSettings } from './role-mapping-settings';
import { dataPath } from './role-sql';

function valuesAt(resource: Record<string, unknown>, path: string[]): string[] {
  let value: unknown = resource;
  for (const key of path)
    value =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)[key]
        : undefined;
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean').map(String);
}

const same = (a: string, b: string, ignoreCase: boolean) =>
  ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b;

/**
 * The source values of a user (the attributes that rules read, and `roles[].value`) that match no
 * rule, as `attribute=value` / `roles=value`: an administrator sees which IdP values the mapping misses.
 */
export function unmatchedRoleValues(settings: RoleMappingSettings, resource: Record<string, unknown>): string[] {
  if (settings.roles.length === 0) return [];
  const out: string[] = [];
  const attributes = [...new Set(settings.rules.flatMap((r) => (r.source === 'attribute' ? [r.attribute] : [])))];
  for (const attribute of attributes) {
    const rules = settings.rules.filter((r) => r.source === 'attribute' && r.attribute === attribute);
    for (const value of valuesAt(resource, dataPath(attribute))) {
      if (!rules.some((r) => r.source === 'attribute' && same(r.value, value, r.ignoreCase)))
        out.push(`${attribute}=${value}`);
    }
  }
  const roleRules = settings.rules.filter((r) => r.source === 'entraRole');
  if (roleRules.length > 0) {
    const roles = Array.isArray(resource.roles) ? resource.roles : [];
    for (const entry of roles) {
      const value = (entry as { value?: unknown } | null)?.value;
      if (
        typeof value === 'string' &&
        !roleRules.some((r) => r.source === 'entraRole' && same(r.value, value, r.ignoreCase))
      )
        out.push(`roles=${value}`);
    }
  }
  return [...new Set(out)];
}
