import { SCHEMA } from '../constants';
import { isJsonObject } from '../json';
import { PatchOperation } from '../patch/types';
import { Leniency } from './leniency';

/**
 * One `roles` entry in canonical shape. Entra sends app role assignments as
 * `{"primary":false,"type":"WindowsAzureActiveDirectoryRole","display":"Admin","value":"Admin"}` on POST
 * but, in PATCH operations, as `{"value":"{\"id\":\"…\",\"value\":\"Admin\",\"displayName\":\"Admin\"}"}` —
 * the assignment as JSON text in `value`. That text becomes `value` (the role's value, not its id) and
 * `display` — the `role-as-json-text` normalisation, counted in `leniency` and not applied when it is
 * strict; every other entry is kept as it is.
 */
export function canonicalRoleEntry(entry: unknown, leniency?: Leniency): unknown {
  if (!isJsonObject(entry) || typeof entry.value !== 'string' || !entry.value.trimStart().startsWith('{')) return entry;
  let parsed: unknown;
  try {
    parsed = JSON.parse(entry.value);
  } catch {
    return entry;
  }
  if (!isJsonObject(parsed) || typeof parsed.value !== 'string') return entry;
  // A strict server keeps the RFC reading: the JSON text is the role's value, a string like any other.
  if (leniency && !leniency.permits('role-as-json-text')) return entry;
  const display =
    typeof parsed.displayName === 'string'
      ? parsed.displayName
      : typeof parsed.display === 'string'
        ? parsed.display
        : undefined;
  return { ...entry, value: parsed.value, ...(display !== undefined && entry.display === undefined && { display }) };
}

const canonicalRoles = (value: unknown, leniency: Leniency | undefined): unknown =>
  Array.isArray(value)
    ? value.map((entry) => canonicalRoleEntry(entry, leniency))
    : isJsonObject(value)
      ? canonicalRoleEntry(value, leniency)
      : value;

/** Whether a key or path names the core `roles` attribute (plain or URN-qualified). */
function namesRoles(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'roles' || lower === `${SCHEMA.user.toLowerCase()}:roles`;
}

/** A POST/PUT body with its `roles` entries in canonical shape (a new object; others untouched). */
export function withCanonicalRoles(body: unknown, leniency?: Leniency): unknown {
  if (!isJsonObject(body)) return body;
  const key = Object.keys(body).find(namesRoles);
  return key === undefined ? body : { ...body, [key]: canonicalRoles(body[key], leniency) };
}

/**
 * PATCH operations with `roles` values in canonical shape. With `addReplaces` (the server's
 * `entraRolesAddReplaces`), an `add` of the whole `roles` attribute replaces it, so that assignments
 * Entra no longer sends do not linger.
 */
export function canonicalRoleOperations(
  operations: readonly PatchOperation[],
  addReplaces: boolean,
  leniency?: Leniency,
): PatchOperation[] {
  return operations.map((operation) => {
    const { path, value } = operation;
    if (path === undefined) {
      if (!isJsonObject(value)) return operation;
      const key = Object.keys(value).find(namesRoles);
      return key === undefined
        ? operation
        : { ...operation, value: { ...value, [key]: canonicalRoles(value[key], leniency) } };
    }
    const name = path.path.uri === undefined ? path.path.attr : `${path.path.uri}:${path.path.attr}`;
    if (!namesRoles(name) || path.path.sub !== undefined || path.subAttr !== undefined) return operation;
    const whole = path.filter === undefined;
    const op = addReplaces && whole && operation.op === 'add' ? 'replace' : operation.op;
    return { ...operation, op, ...(value !== undefined && { value: canonicalRoles(value, leniency) }) };
  });
}
