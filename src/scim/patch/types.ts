import { Leniency } from '../compat/leniency';
import { Filter, PatchPath } from '../filter';

/** The three PATCH operations of RFC 7644 §3.5.2, in canonical (lower) case. */
export type PatchOpName = 'add' | 'remove' | 'replace';

/** One operation of a PATCH request, checked by {@link parsePatchRequest}. */
export interface PatchOperation {
  op: PatchOpName;
  /** The parsed `path`; absent for a path-less add / replace (remove always has one). */
  path?: PatchPath;
  /** The `value` member as sent; `undefined` only for remove (null is kept: it means "unassigned"). */
  value?: unknown;
  /** 0-based position in `Operations`, for error details ("Operations[2]: …"). */
  index: number;
}

/** Options of {@link parsePatchRequest}. */
export interface ParseOptions {
  /** Most operations accepted in one request (400 tooMany above); default 1000. */
  maxOperations?: number;
  /** Longest accepted `path`, passed to `parsePath`; default that of `parsePath`. */
  maxPathLength?: number;
}

/** Options of {@link applyPatch}. */
export interface ApplyOptions {
  /**
   * Canonical names of top-level attributes the caller applies itself (e.g. `['members']` for
   * Groups, whose membership lives in its own table). Operations on them are returned in
   * {@link PatchResult.deferred}, not applied. Extension attributes are named `<urn>:<name>`.
   */
  deferred?: readonly string[];
  /**
   * Lenient mode for `add`/`replace` with a value filter that matches no element (strict RFC 7644:
   * 400 noTarget). When true and the filter is a conjunction of `eq` comparisons with non-null
   * literals, a new element is created from those comparisons plus the value, e.g. Entra ID's
   * `add emails[type eq "work"].value "x"` on a user without a work email appends
   * `{ type: 'work', value: 'x' }`. Default false.
   */
  createMissingFilterTarget?: boolean;
  /**
   * The dialect departures this request may take: a bare id for the manager or a member, a typed
   * element created for a filter that matches none (as `createMissingFilterTarget`, but recorded,
   * and refused when strict). Absent: none of them (RFC 7644 to the letter).
   */
  leniency?: Leniency;
}

/**
 * An operation on a deferred attribute, for the caller to apply (in order, after the document
 * changes, all within one transaction):
 * - `add`: add `values` (never empty) — `filter` set only when the path had one.
 * - `replace`: replace the whole list by `values` (possibly empty: remove all), or, with `filter`,
 *   the matching elements.
 * - `remove`: with `filter`, the matching elements; with `values`, the elements whose `value`
 *   equals one of theirs; with neither, every element.
 * Each element of `values` is an object with a string `value`, keys in canonical case.
 */
export interface DeferredOperation {
  op: PatchOpName;
  /** Canonical attribute name, e.g. `members` (or `<urn>:<name>` for an extension attribute). */
  attribute: string;
  filter?: Filter;
  values?: Record<string, unknown>[];
  /** Index of the operation in `Operations`. */
  index: number;
}

/** The outcome of {@link applyPatch}. */
export interface PatchResult {
  /** The patched copy (the input is never modified); run `normalizeResource` on it. */
  resource: Record<string, unknown>;
  /** Operations (or parts of path-less operations) on deferred attributes, in request order. */
  deferred: DeferredOperation[];
  /**
   * False when the document is in the same state as before (RFC 7643 §2.5: absent, null and `[]`
   * are the same state) and nothing was deferred: the caller can skip the write and keep the version.
   */
  changed: boolean;
  /**
   * Names (as the client wrote them) of readOnly or unknown attributes dropped from path-less
   * values or extension objects, e.g. `id`, `Meta`, `schemas`, `<urn>:foo`; each once, in order.
   */
  ignored: string[];
  /** The attributes of `ignored` that no schema defines (by path too), as written; each once. */
  unknown: string[];
}
