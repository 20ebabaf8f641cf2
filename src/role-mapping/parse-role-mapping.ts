import { BadRequestException } from '@nestjs/common';
import { ResourceSchemas } from '../scim/resource';
import { formatPath, resolvePath } from '../scim/resource/schema-paths';
import { RoleMappingSettings, RoleRule } from './role-mapping-settings';
import { isJsonObject } from '../scim/json';

const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._:-]{0,63}$/;
const MAX_ROLES = 50;
const MAX_RULES = 500;
/** Core attributes kept in columns of their own, outside the document the role SQL reads. */
const COLUMN_ATTRIBUTES = new Set(['userName', 'externalId', 'displayName', 'active']);

type Json = Record<string, unknown>;

function fail(detail: string): never {
  throw new BadRequestException(detail);
}

function text(item: Json, key: string, where: string): string {
  const value = item[key];
  if (typeof value !== 'string' || value.length === 0 || value.length > 200)
    fail(`${where}.${key} must be a string of 1–200 characters`);
  return value;
}

function flag(item: Json, key: string, where: string, fallback: boolean): boolean {
  const value = item[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') fail(`${where}.${key} must be a boolean`);
  return value;
}

function only(item: Json, keys: string[], where: string): void {
  const stray = Object.keys(item).find((key) => !keys.includes(key));
  if (stray) fail(`${where}.${stray} is not a field of a ${String(item.source)} rule (${keys.join(', ')})`);
}

/** The attribute of an `attribute` rule: a simple User attribute the server knows, as its canonical path. */
function attributePath(raw: string, users: ResourceSchemas, where: string): string {
  const resolved = resolvePath(raw, users);
  if (!resolved?.attribute)
    fail(`${where}.attribute "${raw}" is not an attribute of this server's Users (declare it first)`);
  const def = resolved.sub ?? resolved.attribute;
  if (def.type === 'complex' || resolved.sub || def.mutability === 'readOnly')
    fail(`${where}.attribute "${raw}" must be a writable attribute that is not complex`);
  // Write-only values (password) are never read back, and the column attributes are not in the document.
  if (
    def.mutability === 'writeOnly' ||
    def.returned === 'never' ||
    (!resolved.extension && COLUMN_ATTRIBUTES.has(def.name))
  ) {
    fail(
      `${where}.attribute "${raw}" cannot drive a role (write-only, never returned, or one of ${[...COLUMN_ATTRIBUTES].join(', ')})`,
    );
  }
  return formatPath(resolved);
}

function rule(item: unknown, where: string, roles: string[], users: ResourceSchemas): RoleRule {
  if (!isJsonObject(item)) fail(`${where} must be an object`);
  const role = text(item, 'role', where);
  if (!roles.includes(role)) fail(`${where}.role "${role}" is not one of roles`);
  const value = text(item, 'value', where);
  switch (item.source) {
    case 'attribute':
      only(item, ['source', 'attribute', 'value', 'role', 'ignoreCase'], where);
      return {
        source: 'attribute',
        attribute: attributePath(text(item, 'attribute', where), users, where),
        value,
        role,
        ignoreCase: flag(item, 'ignoreCase', where, true),
      };
    case 'entraRole':
      only(item, ['source', 'value', 'role', 'ignoreCase'], where);
      return { source: 'entraRole', value, role, ignoreCase: flag(item, 'ignoreCase', where, true) };
    case 'group': {
      only(item, ['source', 'match', 'value', 'role', 'nested'], where);
      const match = item.match ?? 'displayName';
      if (match !== 'displayName' && match !== 'externalId')
        fail(`${where}.match must be "displayName" or "externalId"`);
      return { source: 'group', match, value, role, nested: flag(item, 'nested', where, false) };
    }
    default:
      fail(`${where}.source must be "attribute", "entraRole" or "group"`);
  }
}

/**
 * Checks a `PUT …/role-mapping` body against the server's User schemas (an attribute rule must name a
 * declared attribute) and returns the settings to store. `{"roles": []}` switches role mapping off.
 */
export function parseRoleMapping(body: unknown, users: ResourceSchemas): RoleMappingSettings {
  if (!isJsonObject(body)) fail('The body must be an object: {"roles": […], "defaultRole": …, "rules": […]}');
  const stray = Object.keys(body).find(
    (key) => !['roles', 'defaultRole', 'rules', 'entraRolesAddReplaces'].includes(key),
  );
  if (stray) fail(`${stray} is not a role mapping setting (roles, defaultRole, rules, entraRolesAddReplaces)`);
  const roles = body.roles;
  if (
    !Array.isArray(roles) ||
    roles.length > MAX_ROLES ||
    !roles.every((r): r is string => typeof r === 'string' && ROLE_NAME.test(r))
  ) {
    fail(
      `roles must be an array of at most ${MAX_ROLES} role names (letters, digits, space . _ : -), most privileged first`,
    );
  }
  if (new Set(roles).size !== roles.length) fail('roles must not repeat a role');
  const defaultRole = body.defaultRole ?? null;
  if (defaultRole !== null && (typeof defaultRole !== 'string' || !roles.includes(defaultRole)))
    fail('defaultRole must be one of roles, or null');
  const list = body.rules ?? [];
  if (!Array.isArray(list) || list.length > MAX_RULES) fail(`rules must be an array of at most ${MAX_RULES} rules`);
  if (roles.length === 0 && list.length > 0) fail('rules need roles');
  const entraRolesAddReplaces = flag(body, 'entraRolesAddReplaces', 'body', false);
  return {
    roles,
    defaultRole,
    rules: list.map((item, i) => rule(item, `rules[${i}]`, roles, users)),
    entraRolesAddReplaces,
  };
}
