import { isUuid } from '../../common/uuid';
import { UserGroupRow } from '../../memberships/memberships.repository';
import { SCHEMA } from '../../scim/constants';
import { etagOf, resourceLocation } from '../../scim/resource/locations';
import { UserEntity } from '../entities/user.entity';
import { userDocument } from '../user-document';
import { ROLE_SCHEMA } from '../../custom-attributes/role-schema';

/** What a User's representation derives from other rows, when it was read. */
export interface UserRelations {
  groups?: UserGroupRow[];
  /** Display names of managers by id (enterprise `manager.displayName`). */
  managers?: ReadonlyMap<string, string>;
}

/**
 * The complete SCIM User of a row: its document, the derived `groups` (when they were read), the
 * manager's `$ref` and `displayName`, and `meta`. Never the password (it is not in the row's
 * document). Projection happens after this.
 */
export function mapUser(user: UserEntity, publicUrl: string, relations: UserRelations = {}): Record<string, unknown> {
  const location = resourceLocation(publicUrl, user.serverId, 'Users', user.id);
  const { groups, managers } = relations;
  return {
    ...withRole(withManager(userDocument(user), user.serverId, publicUrl, managers), user.effectiveRole),
    ...(groups &&
      groups.length > 0 && {
        groups: groups.map((g) => ({
          value: g.groupId,
          $ref: resourceLocation(publicUrl, user.serverId, 'Groups', g.groupId),
          display: g.display,
          type: g.type,
        })),
      }),
    meta: {
      resourceType: 'User',
      created: user.createdAt.toISOString(),
      lastModified: user.updatedAt.toISOString(),
      location,
      version: etagOf(user.version),
    },
  };
}

/** scimd's role extension with the effective role, when role mapping gave one (projection drops it otherwise). */
function withRole(document: Record<string, unknown>, role: string | null | undefined): Record<string, unknown> {
  if (role === null || role === undefined) return document;
  return {
    ...document,
    schemas: [...(document.schemas as string[]), ROLE_SCHEMA],
    [ROLE_SCHEMA]: { effectiveRole: role },
  };
}

/** `manager.value` names a User of the same server: add its `$ref`, and its `displayName` when known. */
function withManager(
  document: Record<string, unknown>,
  serverId: string,
  publicUrl: string,
  managers?: ReadonlyMap<string, string>,
): Record<string, unknown> {
  const enterprise = document[SCHEMA.enterpriseUser] as Record<string, unknown> | undefined;
  const manager = enterprise?.manager as { value?: unknown } | undefined;
  if (!manager || typeof manager.value !== 'string' || !isUuid(manager.value)) return document;
  const id = manager.value.toLowerCase();
  const displayName = managers?.get(id);
  return {
    ...document,
    [SCHEMA.enterpriseUser]: {
      ...enterprise,
      manager: {
        ...manager,
        $ref: resourceLocation(publicUrl, serverId, 'Users', id),
        ...(displayName !== undefined && { displayName }),
      },
    },
  };
}

/** The manager ids referenced by these users (to read their display names in one query). */
export function managerIdsOf(users: UserEntity[]): string[] {
  const ids = users.map(
    (u) => (u.data[SCHEMA.enterpriseUser] as { manager?: { value?: unknown } } | undefined)?.manager?.value,
  );
  return [...new Set(ids.filter((v): v is string => typeof v === 'string' && isUuid(v)).map((v) => v.toLowerCase()))];
}
