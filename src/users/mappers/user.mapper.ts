import { SCHEMA } from '../../scim/constants';
import { etagOf, resourceLocation } from '../../scim-http/locations';
import { UserEntity } from '../entities/user.entity';

export interface ScimUser {
  schemas: string[];
  id: string;
  [attribute: string]: unknown;
}

/** The SCIM User for a row: columns, then the stored document, then `meta`; never the password. */
export function mapUser(user: UserEntity, publicUrl: string): ScimUser {
  const extensions = Object.keys(user.data).filter((k) => k.toLowerCase().startsWith('urn:'));
  return {
    schemas: [SCHEMA.user, ...extensions],
    id: user.id,
    ...(user.externalId !== null && { externalId: user.externalId }),
    userName: user.userName,
    ...(user.displayName !== null && { displayName: user.displayName }),
    active: user.active,
    ...user.data,
    meta: {
      resourceType: 'User',
      created: user.createdAt.toISOString(),
      lastModified: user.updatedAt.toISOString(),
      location: resourceLocation(publicUrl, user.serverId, 'Users', user.id),
      version: etagOf(user.version),
    },
  };
}
