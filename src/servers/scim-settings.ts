/**
 * Per-server choices in how scimd answers SCIM requests, for IdPs and test suites that expect
 * different (RFC-permitted) behaviours. Stored in `identity_servers.scim_settings`.
 */
export interface ScimSettings {
  /** PATCH success: 200 with the resource (default; Entra's validator wants it) or 204 No Content. */
  patchStatus: 200 | 204;
}

export const DEFAULT_SCIM_SETTINGS: ScimSettings = { patchStatus: 200 };

export function scimSettingsOf(stored: Record<string, unknown> | undefined): ScimSettings {
  return { ...DEFAULT_SCIM_SETTINGS, ...(stored as Partial<ScimSettings> | undefined) };
}
