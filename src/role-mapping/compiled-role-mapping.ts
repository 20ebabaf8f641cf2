import { RoleMappingSettings, roleMappingEnabled } from './role-mapping-settings';
import { sqlRules } from './role-sql';

/** A server's role mapping, ready for the SQL of every write: computed once per loaded server row. */
export interface CompiledRoleMapping {
  readonly enabled: boolean;
  /** The rules as the jsonb parameter of effectiveRoleSql. */
  readonly rules: string;
  readonly defaultRole: string | null;
  /** Whether group changes can affect roles at all (else they skip every recomputation). */
  readonly byGroups: boolean;
  /** Whether some group rule follows nested membership. */
  readonly nested: boolean;
  readonly settings: RoleMappingSettings;
}

export function compileRoleMapping(settings: RoleMappingSettings): CompiledRoleMapping {
  const enabled = roleMappingEnabled(settings);
  const groupRules = settings.rules.filter((r) => r.source === 'group');
  return Object.freeze({
    enabled,
    rules: enabled ? sqlRules(settings) : '[]',
    defaultRole: enabled ? settings.defaultRole : null,
    byGroups: enabled && groupRules.length > 0,
    nested: groupRules.some((r) => r.source === 'group' && r.nested),
    settings,
  });
}
