import { MESSAGE } from '../constants';
import { ScimError } from '../errors/scim-error';
import { PatchPath, parsePath } from '../filter';
import { isJsonObject, member } from '../json';
import { ParseOptions, PatchOpName, PatchOperation } from './types';

/** Default of {@link ParseOptions.maxOperations}. */
export const DEFAULT_MAX_OPERATIONS = 1000;

const OPS: readonly PatchOpName[] = ['add', 'remove', 'replace'];

function syntax(detail: string): ScimError {
  return ScimError.badRequest('invalidSyntax', detail);
}

/**
 * Checks the envelope of a PATCH request (RFC 7644 §3.5.2) and returns its operations in order.
 * Member names (`schemas`, `Operations`, `op`, `path`, `value`) and `op` values match
 * case-insensitively (Entra ID sends `"op": "Add"`). Throws a 400 ScimError:
 * - invalidSyntax: not an object, `schemas` without the PatchOp URN, `Operations` not a non-empty
 *   array, an operation that is not an object, an unknown `op`, a `path` that is not a string,
 *   add / replace without `value`;
 * - tooMany: more than `maxOperations` operations;
 * - invalidPath: a `path` that does not parse (detail prefixed by `Operations[i]: `);
 * - noTarget: remove without `path` (RFC 7644 §3.5.2.2).
 * A `path` or `value` of `null` counts as absent for remove; for add / replace a null value is kept.
 */
export function parsePatchRequest(body: unknown, options: ParseOptions = {}): PatchOperation[] {
  const maxOperations = options.maxOperations ?? DEFAULT_MAX_OPERATIONS;
  if (!isJsonObject(body)) {
    throw syntax('The PATCH request body must be a JSON object');
  }
  const schemas = member(body, 'schemas');
  const urn = MESSAGE.patchOp.toLowerCase();
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === urn)) {
    throw syntax(`"schemas" must be an array that contains "${MESSAGE.patchOp}"`);
  }
  const operations = member(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw syntax('"Operations" must be a non-empty array');
  }
  if (operations.length > maxOperations) {
    throw ScimError.badRequest(
      'tooMany',
      `The request has ${operations.length} operations; at most ${maxOperations} are allowed`,
    );
  }
  return operations.map((operation, index) => parseOperation(operation, index, options));
}

function parseOperation(operation: unknown, index: number, options: ParseOptions): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isJsonObject(operation)) {
    throw syntax(`${where} must be an object`);
  }
  const opText = member(operation, 'op');
  const op = typeof opText === 'string' ? OPS.find((name) => name === opText.toLowerCase()) : undefined;
  if (op === undefined) {
    throw syntax(
      opText === undefined || opText === null
        ? `${where}: "op" is required ("add", "remove" or "replace")`
        : `${where}: "op" must be "add", "remove" or "replace", not ${describe(opText)}`,
    );
  }
  const path = parseOperationPath(member(operation, 'path'), where, options);
  const hasValue = hasMember(operation, 'value');
  const value = member(operation, 'value');
  if (op === 'remove') {
    if (path === undefined) {
      throw ScimError.badRequest('noTarget', `${where}: "remove" needs a "path"`);
    }
    return value === undefined || value === null ? { op, path, index } : { op, path, value, index };
  }
  if (!hasValue || value === undefined) {
    throw syntax(`${where}: "${op}" needs a "value"`);
  }
  return path === undefined ? { op, value, index } : { op, path, value, index };
}

function parseOperationPath(path: unknown, where: string, options: ParseOptions): PatchPath | undefined {
  if (path === undefined || path === null) {
    return undefined;
  }
  if (typeof path !== 'string') {
    throw syntax(`${where}: "path" must be a string`);
  }
  try {
    return parsePath(path, options.maxPathLength === undefined ? {} : { maxLength: options.maxPathLength });
  } catch (error) {
    if (error instanceof ScimError) {
      throw ScimError.badRequest('invalidPath', `${where}: ${error.detail}`);
    }
    throw error;
  }
}

function hasMember(object: Record<string, unknown>, name: string): boolean {
  const wanted = name.toLowerCase();
  return Object.keys(object).some((key) => key.toLowerCase() === wanted);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
