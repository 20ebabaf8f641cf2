import { projector, GROUP_RESOURCE } from '../scim/resource';
import { ProjectionRequest } from '../scim/resource/projection';
import { StreamedResource } from '../scim/resource/streamed-resource';
import { MemberRow } from './groups.repository';
import { mapGroup } from './mappers/group.mapper';
import { GroupEntity } from './entities/group.entity';

export const MEMBER_BATCH = 1000;

/**
 * A group whose members are written batch by batch as they are read, so that a response with a group
 * of 100,000 members never holds them all in memory. `head` is the projected group without members;
 * each batch is projected the same way (e.g. `attributes=members.value`). `nextBatch` reads up to
 * MEMBER_BATCH members after a member id (keyset).
 */
export function streamedGroup(
  head: Record<string, unknown>,
  group: GroupEntity,
  publicUrl: string,
  projection: ProjectionRequest,
  nextBatch: (after: string | undefined) => Promise<MemberRow[]>,
): StreamedResource {
  const toOutput = projector(GROUP_RESOURCE, projection);
  return new StreamedResource(async function* () {
    const prefix = JSON.stringify(head).slice(0, -1);
    // The first chunk waits for the first batch: a failure there comes before any byte is sent.
    let chunk = `${prefix}${prefix === '{' ? '' : ','}"members":[`;
    let after: string | undefined;
    let written = 0;
    for (;;) {
      const rows = await nextBatch(after);
      const members = (toOutput(mapGroup(group, rows, publicUrl)).members as unknown[] | undefined) ?? [];
      for (const member of members) chunk += `${written++ > 0 ? ',' : ''}${JSON.stringify(member)}`;
      if (rows.length < MEMBER_BATCH) {
        yield `${chunk}]}`;
        return;
      }
      after = rows[rows.length - 1].memberId;
      yield chunk;
      chunk = '';
    }
  });
}
