/**
 * SCIM filters (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2): parsing, formatting, schema binding and
 * in-memory evaluation. Framework-free.
 */
export * from './ast';
export {
  DEFAULT_MAX_FILTER_DEPTH,
  DEFAULT_MAX_FILTER_LENGTH,
  COMPARE_OPS,
  type FilterOptions,
  parseFilter,
} from './parser';
export { type PathOptions, parsePath } from './path-parser';
export { formatAttrPath, formatFilter, formatLiteral, formatPatchPath } from './format';
export { type LogicalFilter, chainOperands } from './traverse';
export {
  type BindErrorType,
  type BoundAttribute,
  type BoundPatchPath,
  COMMON_ATTRIBUTES,
  type SchemaContext,
  bindAttrPath,
  bindFilter,
  bindPatchPath,
  findByName,
} from './binder';
export { isDateTime, parseDateTime } from './datetime';
export { matches } from './evaluate';
