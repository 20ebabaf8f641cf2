/** The signing key cannot be used: scimd does not start, and says why in one message (no stack trace). */
export class SigningKeyError extends Error {}
