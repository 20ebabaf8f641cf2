/** A rule: when its source holds `value`, the user qualifies for `role`. */
export type RoleRule =
  /** A User attribute (custom or built-in, simple, possibly multi-valued) holds the value. */
  | { source: 'attribute'; attribute: string; value: string; role: string; ignoreCase: boolean }
  /** An entry of the multi-valued `roles` (Entra app role assignments) has this `value`. */
  | { source: 'entraRole'; value: string; role: string; ignoreCase: boolean }
  /** The user is a member of the group with this displayName (case-insensitive) or externalId (exact); `nested`: through groups in groups too. */
  | { source: 'group'; match: 'displayName' | 'externalId'; value: string; role: string; nested: boolean };

/** A server's role mapping (`identity_servers.role_mapping`); `roles` empty means off. */
export interface RoleMappingSettings {
  /** The application's roles, most privileged first: when several rules match, the first of these wins. */
  roles: string[];
  /** The role of users no rule matches; null: none. */
  defaultRole: string | null;
  rules: RoleRule[];
  /**
   * Entra's multi-role mapping only ever sends `add` on `roles`, so removed assignments linger. When
   * true, a PATCH `add` of `roles` (no filter) replaces the whole list with the values sent.
   */
  entraRolesAddReplaces: boolean;
}

export const ROLE_MAPPING_OFF: RoleMappingSettings = Object.freeze({
  roles: [],
  defaultRole: null,
  rules: [],
  entraRolesAddReplaces: false,
}) as RoleMappingSettings;

export function roleMappingOf(stored: Record<string, unknown> | undefined): RoleMappingSettings {
  const settings = (stored ?? {}) as Partial<RoleMappingSettings>;
  return {
    roles: settings.roles ?? [],
    defaultRole: settings.defaultRole ?? null,
    rules: settings.rules ?? [],
    entraRolesAddReplaces: settings.entraRolesAddReplaces ?? false,
  };
}

export function roleMappingEnabled(settings: RoleMappingSettings): boolean {
  return settings.roles.length > 0;
}
