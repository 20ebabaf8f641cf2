import { SCHEMA } from '../scim/constants';
import { RoleMappingSettings } from './role-mapping-settings';

/** One rule as the SQL expression reads it (a row of `jsonb_to_recordset`). */
interface SqlRule {
  rank: number;
  role: string;
  kind: RoleMappingSettingsRuleKind;
  /** attribute: the key path in `data` (core: [name], extension: [urn, name]). */
  path: string[] | null;
  value: string;
  ci: boolean;
  ext: boolean;
  nested: boolean;
}
type RoleMappingSettingsRuleKind = 'attribute' | 'entraRole' | 'group';

/** The rules of a mapping as the JSON parameter of {@link effectiveRoleSql}, most privileged first. */
export function sqlRules(settings: RoleMappingSettings): string {
  const rows: SqlRule[] = settings.rules.map((rule) => ({
    rank: settings.roles.indexOf(rule.role),
    role: rule.role,
    kind: rule.source,
    path: rule.source === 'attribute' ? dataPath(rule.attribute) : null,
    value: rule.value,
    ci: rule.source === 'group' ? rule.match === 'displayName' : rule.ignoreCase,
    ext: rule.source === 'group' && rule.match === 'externalId',
    nested: rule.source === 'group' && rule.nested,
  }));
  return JSON.stringify(rows.sort((a, b) => a.rank - b.rank));
}

/** `secodaRole` → ["secodaRole"]; `<urn>:costCode` → ["<urn>", "costCode"] (the core URN is not a key). */
export function dataPath(canonical: string): string[] {
  const at = canonical.lastIndexOf(':');
  if (at < 0) return [canonical];
  const urn = canonical.slice(0, at);
  return urn.toLowerCase() === SCHEMA.user.toLowerCase() ? [canonical.slice(at + 1)] : [urn, canonical.slice(at + 1)];
}

/**
 * The effective role of one user as a SQL expression: the role of the most privileged matching rule,
 * else the default role. `data` and `userId` are SQL expressions (a parameter for a row being written,
 * `r.data`/`r.id` for rows in place); `server`, `rules` (jsonb, {@link sqlRules}) and `fallback` (text)
 * are parameter placeholders. Group rules look the group up by its indexed displayName/externalId and
 * the membership by its primary key; nested ones walk the user's groups upwards.
 */
export function effectiveRoleSql(
  data: string,
  userId: string,
  server: string,
  rules: string,
  fallback: string,
): string {
  const values = (json: string) =>
    `jsonb_array_elements_text(CASE jsonb_typeof(${json}) WHEN 'array' THEN ${json} WHEN 'string' THEN jsonb_build_array(${json}) WHEN 'number' THEN jsonb_build_array(${json}) WHEN 'boolean' THEN jsonb_build_array(${json}) ELSE '[]'::jsonb END)`;
  const same = (left: string) => `CASE WHEN x.ci THEN lower(${left}) = lower(x.value) ELSE ${left} = x.value END`;
  const roles = `${data} -> 'roles'`;
  return `COALESCE((SELECT x.role FROM jsonb_to_recordset(${rules}::jsonb) AS x(rank int, role text, kind text, path text[], value text, ci boolean, ext boolean, nested boolean)
    WHERE CASE x.kind
      WHEN 'attribute' THEN EXISTS (SELECT 1 FROM ${values(`(${data} #> x.path)`)} AS v(t) WHERE ${same('v.t')})
      WHEN 'entraRole' THEN EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${roles}) = 'array' THEN ${roles} ELSE '[]'::jsonb END) AS e(v) WHERE jsonb_typeof(e.v) = 'object' AND ${same("(e.v ->> 'value')")})
      WHEN 'group' THEN EXISTS (SELECT 1 FROM scim_groups g WHERE g.server_id = ${server}
          AND CASE WHEN x.ext THEN g.external_id = x.value ELSE lower(g.display_name) = lower(x.value) END
          AND (EXISTS (SELECT 1 FROM scim_group_members m WHERE m.group_id = g.id AND m.member_id = ${userId})
               OR (x.nested AND g.id IN (WITH RECURSIVE up(id) AS (
                     SELECT m.group_id FROM scim_group_members m WHERE m.server_id = ${server} AND m.member_id = ${userId}
                     UNION SELECT m.group_id FROM up JOIN scim_group_members m ON m.server_id = ${server} AND m.member_id = up.id)
                   SELECT id FROM up))))
      ELSE false END
    ORDER BY x.rank LIMIT 1), ${fallback}::text)`;
}
