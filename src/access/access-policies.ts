import { accessSettingsOf, RateLimitSettings } from './access-settings';
import { IpAllowlist } from './ip-allowlist';

/** A server's access settings, ready for the hot path: the allowlist parsed once. */
export interface AccessPolicy {
  readonly allowlist: IpAllowlist;
  readonly rateLimit: RateLimitSettings;
}

/** The policy of a server's stored `access_settings` (defaults filled in, the allowlist parsed). */
export function accessPolicyOf(stored: Record<string, unknown> | undefined): AccessPolicy {
  const settings = accessSettingsOf(stored);
  return { allowlist: new IpAllowlist(settings.allowlist), rateLimit: settings.rateLimit };
}
