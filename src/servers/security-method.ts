/** The security methods an identity server can choose. This issue implements `none` and `bearer`. */
export const SECURITY_METHODS = ['none', 'bearer'] as const;
export type SecurityMethod = (typeof SECURITY_METHODS)[number];
