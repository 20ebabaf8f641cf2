import { UserGroupRow } from '../../memberships/memberships.repository';
import { etagOf, resourceLocation } from '../../scim-http/locations';
import { UserEntity } from '../entities/user.entity';
import { userDocument } from '../user-document';

/**
 * The complete SCIM User of a row: its document, the derived `groups` (when they were read) and
 * `meta`. Never the password (it is not in the row's document). Projection happens after this.
 */
export function mapUser(user: UserEntity, publicUrl: string, groups?: UserGroupRow[]): Record<string, unknown> {
  const location = resourceLocation(publicUrl, user.serverId, 'Users', user.id);
  return {
    ...userDocument(user),
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
