/**
 * SCIM PATCH (RFC 7644 §3.5.2): request parsing and the in-memory engine that applies the
 * operations to one resource. Framework-free.
 */
export { DEFAULT_MAX_OPERATIONS, parsePatchRequest } from './parse-request';
export { applyPatch } from './apply';
export type { ApplyOptions, DeferredOperation, ParseOptions, PatchOpName, PatchOperation, PatchResult } from './types';
