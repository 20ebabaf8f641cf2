import { ScimError } from '../errors/scim-error';
import { ResourceSchemas } from '../resource';
import { Patcher } from './engine';
import { ApplyOptions, PatchOperation, PatchResult } from './types';
import { sameState } from './values';

/**
 * Applies PATCH operations (from {@link parsePatchRequest}) to a copy of `resource` (canonical
 * form: core attributes at the top level, each extension's in the object keyed by its URN), in
 * order, atomically (RFC 7644 §3.5.2: the first failing operation throws a 400 ScimError whose
 * detail starts with `Operations[i]: `, and the input is never modified).
 *
 * The result still needs `normalizeResource` (types, unknown sub-attributes, readOnly
 * sub-attributes inside values, one primary per value list as sent): this engine applies the
 * operation semantics and the mutability rules only. See `engine.ts` for the decisions taken where
 * the RFC is silent, and {@link ApplyOptions} for deferred attributes and the lenient filter mode.
 */
export function applyPatch(
  resource: Readonly<Record<string, unknown>>,
  operations: readonly PatchOperation[],
  schemas: ResourceSchemas,
  options: ApplyOptions = {},
): PatchResult {
  const doc = structuredClone(resource) as Record<string, unknown>;
  const patcher = new Patcher(doc, schemas, options);
  for (const operation of operations) {
    try {
      patcher.apply(operation);
    } catch (error) {
      if (error instanceof ScimError) {
        throw new ScimError(
          error.status,
          error.scimType,
          `Operations[${operation.index}]: ${error.detail}`,
          error.headers,
        );
      }
      throw error;
    }
  }
  return {
    resource: doc,
    deferred: patcher.deferred,
    changed: patcher.deferred.length > 0 || !sameState(resource, doc),
    ignored: [...new Set(patcher.ignored)],
    unknown: [...new Set(patcher.unknown)],
  };
}
