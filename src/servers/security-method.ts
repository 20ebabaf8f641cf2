/** The security methods an identity server can choose. */
export const SECURITY_METHODS = ['none', 'basic', 'digest', 'bearer', 'oauth2'] as const;
export type SecurityMethod = (typeof SECURITY_METHODS)[number];

/**
 * What a stored credential is for: one of the security methods, or `self-test` — the short-lived
 * credential of one self-test run, accepted whatever the server's method (src/self-test).
 */
export const SELF_TEST_METHOD = 'self-test';
export type CredentialMethod = SecurityMethod | typeof SELF_TEST_METHOD;

/** Methods whose credentials are a username and a password. */
export const PASSWORD_METHODS: readonly SecurityMethod[] = ['basic', 'digest'];

/** What the start-up log and the admin API say of a server without authentication. */
export const NONE_WARNING = (name: string, scimUrl: string): string =>
  `identity server "${name}" uses security method none: anyone who can reach ${scimUrl} can read and change its users and groups`;
