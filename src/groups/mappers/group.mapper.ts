import { etagOf, resourceLocation } from '../../scim/resource/locations';
import { GroupEntity } from '../entities/group.entity';
import { groupDocument } from '../group-document';
import { MemberRow } from '../groups.repository';

/** The complete SCIM Group of a row, with `members` when they were read, and `meta`. */
export function mapGroup(
  group: GroupEntity,
  members: MemberRow[] | undefined,
  publicUrl: string,
): Record<string, unknown> {
  return {
    ...groupDocument(group),
    ...(members && {
      members: members.map((m) => ({
        value: m.memberId,
        $ref: resourceLocation(publicUrl, group.serverId, m.memberType === 'User' ? 'Users' : 'Groups', m.memberId),
        ...(m.display !== null && { display: m.display }),
        type: m.memberType,
      })),
    }),
    meta: {
      resourceType: 'Group',
      created: group.createdAt.toISOString(),
      lastModified: group.updatedAt.toISOString(),
      location: resourceLocation(publicUrl, group.serverId, 'Groups', group.id),
      version: etagOf(group.version),
    },
  };
}
