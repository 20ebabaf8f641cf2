/** The security methods an identity server can choose. */
export const SECURITY_METHODS = ['none', 'basic', 'digest', 'bearer', 'oauth2'] as const;
export type SecurityMethod = (typeof SECURITY_METHODS)[number];

/** Methods whose credentials are a username and a password. */
export const PASSWORD_METHODS: readonly SecurityMethod[] = ['basic', 'digest'];
