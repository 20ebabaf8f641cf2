import { Readable } from 'node:stream';
import { projector, GROUP_RESOURCE } from '../scim/resource';
import { ProjectionRequest } from '../scim/resource/projection';
import { MemberRow } from './groups.repository';
import { mapGroup } from './mappers/group.mapper';
import { GroupEntity } from './entities/group.entity';

export const MEMBER_BATCH = 1000;

/**
 * The JSON of a group whose members are written batch by batch as they are read, so that a GET of a
 * group with 100,000 members never holds them all in memory. `head` is the projected group without
 * members; each batch is projected the same way (e.g. `attributes=members.value`).
 */
export function streamGroup(
  head: Record<string, unknown>,
  group: GroupEntity,
  publicUrl: string,
  projection: ProjectionRequest,
  nextBatch: (after: string | undefined) => Promise<MemberRow[]>,
): Readable {
  const prefix = JSON.stringify(head).slice(0, -1);
  let after: string | undefined;
  let written = 0;
  let started = false;
  let done = false;
  const toOutput = projector(GROUP_RESOURCE, projection);
  return new Readable({
    async read() {
      try {
        if (done) return;
        const rows = await nextBatch(after);
        const members = (toOutput(mapGroup(group, rows, publicUrl)).members as unknown[] | undefined) ?? [];
        let chunk = started ? '' : `${prefix}${prefix === '{' ? '' : ','}"members":[`;
        started = true;
        for (const member of members) chunk += `${written++ > 0 ? ',' : ''}${JSON.stringify(member)}`;
        if (rows.length < MEMBER_BATCH) {
          done = true;
          this.push(`${chunk}]}`);
          this.push(null);
          return;
        }
        after = rows[rows.length - 1].memberId;
        this.push(chunk);
      } catch (error) {
        this.destroy(error as Error);
      }
    },
  });
}
