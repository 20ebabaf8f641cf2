/** The security methods an identity server can choose. */
export const SECURITY_METHODS = ['none', 'basic', 'digest', 'bearer', 'oauth2'] as const;
export type SecurityMethod = (typeof SECURITY_METHODS)[number];

/** Methods whose credentials are a username and a password. */
export const PASSWORD_METHODS: readonly SecurityMethod[] = ['basic', 'digest'];

/** What the start-up log and the admin API say of a server without authentication. */
export const NONE_WARNING = (name: string, scimUrl: string): string =>
  `identity server "${name}" uses security method none: anyone who can reach ${scimUrl} can read and change its users and groups`;
