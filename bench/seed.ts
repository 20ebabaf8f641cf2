import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** A seeded user the workload may address by id. */
export interface SampleUser {
  id: string;
  /** i of `user<i>@example.com` (1-based). */
  index: number;
  /** Seeded as a member of the big group. */
  inBigGroup: boolean;
}

export interface SeedOptions {
  serverId: string;
  users: number;
  groups: number;
  bigGroup: number;
  /** Rows per INSERT statement. */
  batch: number;
  /** How many user ids to keep for the by-id operations. */
  sampleSize: number;
  log: (line: string) => void;
}

export interface SeedResult {
  sample: SampleUser[];
  bigGroupId: string;
  memberships: number;
  /** Wall-clock seconds of each phase. */
  timings: { users: number; groups: number; members: number; vacuum: number };
}

const USER_INSERT = `
INSERT INTO scim_users (id, server_id, user_name, external_id, display_name, active, version, data, created_at, updated_at)
SELECT u.id, $1, 'user' || u.i || '@example.com', 'ext-' || u.i, 'User ' || u.i, true, 1,
       jsonb_build_object(
         'name', jsonb_build_object('givenName', 'U', 'familyName', u.i::text, 'formatted', 'U ' || u.i),
         'emails', jsonb_build_array(jsonb_build_object('value', 'user' || u.i || '@example.com', 'type', 'work', 'primary', true))),
       $2::timestamptz + u.i * interval '1 millisecond', $2::timestamptz + u.i * interval '1 millisecond'
  FROM unnest($3::uuid[], $4::int[]) AS u(id, i)`;

const GROUP_INSERT = `
INSERT INTO scim_groups (id, server_id, display_name, external_id, version, data, created_at, updated_at)
SELECT g.id, $1, g.name, 'gext-' || g.i, 1, '{}'::jsonb,
       $2::timestamptz + g.i * interval '1 millisecond', $2::timestamptz + g.i * interval '1 millisecond'
  FROM unnest($3::uuid[], $4::text[], $5::int[]) AS g(id, name, i)`;

const MEMBER_INSERT = `
INSERT INTO scim_group_members (group_id, member_id, server_id, member_type)
SELECT m.group_id, m.member_id, $1, 'User' FROM unnest($2::uuid[], $3::uuid[]) AS m(group_id, member_id)
ON CONFLICT DO NOTHING`;

/**
 * Seeds users 1..N, `groups` small groups of 10 members and one big group of users 1..bigGroup,
 * straight into scimd's tables with batched INSERT … SELECT FROM unnest(…), then VACUUM ANALYZE.
 */
export async function seed(client: Client, options: SeedOptions): Promise<SeedResult> {
  const { serverId, users, batch, log } = options;
  const base = new Date(Date.now() - 2 * users - 86_400_000).toISOString();
  const ids: string[] = new Array<string>(users + 1);
  const timings = { users: 0, groups: 0, members: 0, vacuum: 0 };

  let started = Date.now();
  for (let from = 1; from <= users; from += batch) {
    const to = Math.min(users, from + batch - 1);
    const batchIds: string[] = [];
    const indexes: number[] = [];
    for (let i = from; i <= to; i++) {
      ids[i] = randomUUID();
      batchIds.push(ids[i]);
      indexes.push(i);
    }
    await client.query(USER_INSERT, [serverId, base, batchIds, indexes]);
    if (to === users || Math.floor(to / 100_000) > Math.floor(from / 100_000))
      log(`  users: ${to.toLocaleString('en-US')} / ${users.toLocaleString('en-US')}`);
  }
  timings.users = seconds(started);

  started = Date.now();
  const groupIds = Array.from({ length: options.groups }, () => randomUUID());
  const bigGroupId = randomUUID();
  const names = groupIds.map((_, g) => `group-${g + 1}`);
  await client.query(GROUP_INSERT, [
    serverId,
    base,
    [...groupIds, bigGroupId],
    [...names, 'big-group'],
    [...names.map((_, g) => g + 1), options.groups + 1],
  ]);
  timings.groups = seconds(started);

  started = Date.now();
  let memberships = 0;
  let pending: { group: string[]; member: string[] } = { group: [], member: [] };
  const flush = async (): Promise<void> => {
    if (pending.group.length === 0) return;
    const result = await client.query(MEMBER_INSERT, [serverId, pending.group, pending.member]);
    memberships += result.rowCount ?? 0;
    pending = { group: [], member: [] };
  };
  const addMember = async (groupId: string, userIndex: number): Promise<void> => {
    pending.group.push(groupId);
    pending.member.push(ids[userIndex]);
    if (pending.group.length >= batch) await flush();
  };
  for (let g = 0; g < groupIds.length; g++) {
    for (let k = 0; k < 10; k++) await addMember(groupIds[g], ((g * 10 + k) % users) + 1);
  }
  for (let i = 1; i <= options.bigGroup; i++) await addMember(bigGroupId, i);
  await flush();
  timings.members = seconds(started);

  started = Date.now();
  for (const table of ['scim_users', 'scim_groups', 'scim_group_members'])
    await client.query(`VACUUM ANALYZE ${table}`);
  timings.vacuum = seconds(started);

  const sample: SampleUser[] = [];
  const size = Math.min(options.sampleSize, users);
  const taken = new Set<number>();
  while (sample.length < size) {
    const index = 1 + Math.floor(Math.random() * users);
    if (taken.has(index)) continue;
    taken.add(index);
    sample.push({ id: ids[index], index, inBigGroup: index <= options.bigGroup });
  }
  return { sample, bigGroupId, memberships, timings };
}

function seconds(since: number): number {
  return (Date.now() - since) / 1000;
}
