import { SCHEMA } from '../../scim/constants';
import { etagOf, resourceLocation } from '../../scim-http/locations';
import { GroupEntity } from '../entities/group.entity';
import { MemberRow } from '../groups.repository';

export interface ScimGroup {
  schemas: string[];
  id: string;
  [attribute: string]: unknown;
}

export function mapGroup(group: GroupEntity, members: MemberRow[], publicUrl: string): ScimGroup {
  const extensions = Object.keys(group.data).filter((k) => k.toLowerCase().startsWith('urn:'));
  return {
    schemas: [SCHEMA.group, ...extensions],
    id: group.id,
    ...(group.externalId !== null && { externalId: group.externalId }),
    displayName: group.displayName,
    ...group.data,
    members: members.map((m) => ({
      value: m.memberId,
      $ref: resourceLocation(publicUrl, group.serverId, m.memberType === 'User' ? 'Users' : 'Groups', m.memberId),
      ...(m.display !== null && { display: m.display }),
      type: m.memberType,
    })),
    meta: {
      resourceType: 'Group',
      created: group.createdAt.toISOString(),
      lastModified: group.updatedAt.toISOString(),
      location: resourceLocation(publicUrl, group.serverId, 'Groups', group.id),
      version: etagOf(group.version),
    },
  };
}
