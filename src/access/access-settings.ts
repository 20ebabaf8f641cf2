/**
 * Per-server abuse limits, stored in `identity_servers.access_settings`: who may call the server's SCIM
 * URL and how fast. Absent keys take their defaults, so `{}` (what every server starts with) means
 * "everyone, at the default rate".
 */
export interface RateLimitSettings {
  /** Tokens added to the bucket per second: the sustained rate. */
  requestsPerSecond: number;
  /** Size of the bucket: how many requests may arrive at once after a quiet spell. */
  burst: number;
}

export interface AccessSettings {
  /** IPv4/IPv6 addresses and CIDRs allowed to call the SCIM URL; empty = everyone. */
  allowlist: string[];
  rateLimit: RateLimitSettings;
}

/** 50 requests/s with bursts of 100: twice Entra's gallery minimum of 25 requests/s. */
export const DEFAULT_RATE_LIMIT: RateLimitSettings = { requestsPerSecond: 50, burst: 100 };

export const RATE_LIMIT_BOUNDS = {
  requestsPerSecond: { min: 1, max: 10_000 },
  burst: { min: 1, max: 100_000 },
} as const;

/** The settings of a server with every default filled in. */
export function accessSettingsOf(stored: Record<string, unknown> | undefined): AccessSettings {
  const given = (stored ?? {}) as Partial<AccessSettings>;
  return {
    allowlist: [...(given.allowlist ?? [])],
    rateLimit: { ...DEFAULT_RATE_LIMIT, ...given.rateLimit },
  };
}

/** What the column keeps for an `access` object from the admin API: the keys given, as plain JSON. */
export function storedAccessSettings(given: {
  allowlist?: string[];
  rateLimit?: Partial<RateLimitSettings>;
}): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  if (given.allowlist !== undefined) stored.allowlist = [...given.allowlist];
  if (given.rateLimit !== undefined) {
    const { requestsPerSecond, burst } = given.rateLimit;
    stored.rateLimit = {
      ...(requestsPerSecond !== undefined && { requestsPerSecond }),
      ...(burst !== undefined && { burst }),
    };
  }
  return stored;
}
