/**
 * Per-server choices in how scimd answers SCIM requests, for IdPs and test suites that expect
 * different behaviours (docs/compatibility.md). Stored in `identity_servers.scim_settings`.
 */
export interface ScimSettings {
  /** PATCH success: 200 with the resource (default; Entra's validator wants it) or 204 No Content. */
  patchStatus: 200 | 204;
  /**
   * RFC 7643 / 7644 to the letter: the dialect departures scimd otherwise tolerates (boolean strings,
   * bare ids, unquoted filter values, `/users`…) are refused with a 400 (404 for a path). Default false.
   */
  strict: boolean;
  /**
   * A group member that is no User or Group of this server: 'reject' (default, 400 invalidValue) or
   * 'ignore' (the member is dropped and counted; Microsoft's reference suite adds such members).
   */
  unknownMembers: 'reject' | 'ignore';
  /**
   * A member's `display` in answers: 'resource' (default: the member's own displayName, or userName)
   * or 'as-sent' (the `display` — or Microsoft's non-standard `displayName` — the client sent with the
   * member, when it sent one; Microsoft's reference suite reads it back).
   */
  memberDisplay: 'resource' | 'as-sent';
}

export const DEFAULT_SCIM_SETTINGS: ScimSettings = {
  patchStatus: 200,
  strict: false,
  unknownMembers: 'reject',
  memberDisplay: 'resource',
};

export function scimSettingsOf(stored: Record<string, unknown> | undefined): ScimSettings {
  return { ...DEFAULT_SCIM_SETTINGS, ...(stored as Partial<ScimSettings> | undefined) };
}
