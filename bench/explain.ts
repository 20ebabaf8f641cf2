import { Client } from 'pg';
import {
  memberRemoveCondition,
  membershipSql,
  memberRemoveSql,
  userCountSql,
  userDefaultOrder,
  userFilter,
  userPageSql,
  USER_COLUMNS,
} from './scimd-sql';
import { SampleUser } from './seed';

export interface Plan {
  title: string;
  /** Where the SQL comes from: scimd's compiler, scimd's repository, or the baseline. */
  source: string;
  sql: string;
  params: unknown[];
  /** EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) output, or the error. */
  plan: string;
}

export interface ExplainInput {
  distDir: string;
  serverId: string;
  users: number;
  bigGroupId: string;
  bigGroup: number;
  sample: SampleUser[];
}

interface Query {
  title: string;
  source: string;
  sql: string;
  params: unknown[];
  /** Data-changing: run inside a transaction that is rolled back. */
  write?: boolean;
}

const REPOSITORY = 'scimd (statement of its repository, copied into bench/scimd-sql.ts)';
const OWN = "scimd (MembershipsRepository's own statement, MEMBERSHIP_SQL)";

/** The key queries of the benchmarked operations, each run once to warm up, then EXPLAINed. */
export async function explainAll(client: Client, input: ExplainInput): Promise<Plan[]> {
  const { serverId, users } = input;
  const i = Math.ceil(users / 2);
  const order = userDefaultOrder(input.distDir);
  const byName = userFilter(input.distDir, `userName eq "user${i}@example.com"`, 'lower(r.user_name) = lower($2)', [
    `user${i}@example.com`,
  ]);
  const byExternal = userFilter(input.distDir, `externalId eq "ext-${i}"`, 'r.external_id = $2', [`ext-${i}`]);
  const email = `user${i}@example.com`;
  const byEmail = userFilter(
    input.distDir,
    `emails[type eq "work" and value eq "${email}"]`,
    `EXISTS (SELECT 1 FROM jsonb_array_elements(r.data->'emails') AS e(v) WHERE lower(e.v->>'type') = lower($2) AND lower(e.v->>'value') = lower($3))`,
    ['work', email],
  );
  const member = input.sample[0];
  const outsider = input.sample.find((u) => !u.inBigGroup) ?? member;
  const remove = memberRemoveCondition(input.distDir, member.id);
  const farOffset = Math.max(0, Math.min(900_000, users - 100));
  const membership = membershipSql(input.distDir);
  if (membership instanceof Error) throw new Error(`cannot load scimd's membership statements: ${membership.message}`);
  const groups = membership.userDirectGroups;
  const compiled = (c: { source: string }): string =>
    c.source === 'scimd' ? "scimd (condition compiled by scimd's filter compiler)" : c.source;

  const queries: Query[] = [
    {
      title: "Lookup by userName (scimd; the user's direct groups in the same statement)",
      source: compiled(byName),
      sql: userPageSql(input.distDir, { where: byName.sql, orderBy: order.sql, limit: 100, offset: 0, groups }),
      params: [serverId, ...byName.values],
    },
    {
      title: 'Lookup by userName (baseline)',
      source: 'baseline',
      sql: `SELECT ${USER_COLUMNS} FROM scim_users r WHERE r.server_id = $1 AND lower(r.user_name) = lower($2)`,
      params: [serverId, `user${i}@example.com`],
    },
    {
      title: 'Lookup by externalId (scimd)',
      source: compiled(byExternal),
      sql: userPageSql(input.distDir, { where: byExternal.sql, orderBy: order.sql, limit: 100, offset: 0, groups }),
      params: [serverId, ...byExternal.values],
    },
    {
      title: 'Lookup by externalId (baseline)',
      source: 'baseline',
      sql: `SELECT ${USER_COLUMNS} FROM scim_users r WHERE r.server_id = $1 AND r.external_id = $2`,
      params: [serverId, `ext-${i}`],
    },
    {
      title: `Filter emails[type eq "work" and value eq "${email}"] (scimd)`,
      source: compiled(byEmail),
      sql: userPageSql(input.distDir, { where: byEmail.sql, orderBy: order.sql, limit: 100, offset: 0, groups }),
      params: [serverId, ...byEmail.values],
    },
    {
      title: "Get by id (scimd: with the user's direct groups, for the derived 'groups' of every User response)",
      source: REPOSITORY,
      sql: `SELECT ${USER_COLUMNS}, ${groups} AS direct_groups FROM scim_users r WHERE r.server_id = $1 AND r.id = $2`,
      params: [serverId, member.id],
    },
    {
      title: 'Get by id (baseline)',
      source: 'baseline',
      sql: `SELECT ${USER_COLUMNS} FROM scim_users r WHERE r.server_id = $1 AND r.id = $2`,
      params: [serverId, member.id],
    },
    {
      title: 'Groups of a user through nested groups (scimd, only when a direct group is nested)',
      source: OWN,
      sql: membership.allGroups,
      params: [serverId, [member.id]],
    },
    {
      title: `Member add to the big group (scimd; user ${outsider.inBigGroup ? 'already a member: conflict path' : 'not yet a member'})`,
      source: OWN,
      sql: membership.add,
      params: [serverId, input.bigGroupId, [outsider.id], ['User']],
      write: true,
    },
    {
      title: 'Member remove from the big group (scimd, members[value eq …])',
      source: compiled(remove),
      sql: memberRemoveSql(remove.sql),
      params: [serverId, input.bigGroupId, ...remove.values],
      write: true,
    },
    {
      title: 'List page 1 (scimd)',
      source: compiled(order),
      sql: userPageSql(input.distDir, { where: '', orderBy: order.sql, limit: 100, offset: 0, groups }),
      params: [serverId],
    },
    {
      title: `List page at offset ${farOffset.toLocaleString('en-US')} (scimd)`,
      source: compiled(order),
      sql: userPageSql(input.distDir, { where: '', orderBy: order.sql, limit: 100, offset: farOffset, groups }),
      params: [serverId],
    },
    {
      title: 'List count (scimd and baseline: totalResults of every list request)',
      source: REPOSITORY,
      sql: userCountSql(''),
      params: [serverId],
    },
  ];

  const plans: Plan[] = [];
  for (const q of queries)
    plans.push({ title: q.title, source: q.source, sql: q.sql, params: q.params, plan: await explain(client, q) });
  return plans;
}

async function explain(client: Client, q: Query): Promise<string> {
  try {
    if (q.write) await client.query('BEGIN');
    await client.query(q.sql, q.params);
    if (q.write) await client.query('ROLLBACK');
    if (q.write) await client.query('BEGIN');
    const result = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${q.sql}`,
      q.params,
    );
    return result.rows.map((r) => r['QUERY PLAN']).join('\n');
  } catch (error) {
    return `EXPLAIN failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    if (q.write) await client.query('ROLLBACK').catch(() => undefined);
  }
}
