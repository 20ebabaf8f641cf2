import { DataSource } from 'typeorm';
import { scimError } from './factories';
import { TestResponse } from './test-app';

/**
 * The groups of the server that contain themselves through nested memberships (a recursive walk over
 * the group-member edges; UNION makes it end on a cycle). Empty when the nesting is a forest.
 */
export async function groupsInCycles(dataSource: DataSource, serverId: string): Promise<string[]> {
  const rows: { id: string }[] = await dataSource.query(
    `WITH RECURSIVE reach(start, member) AS (
       SELECT m.group_id, m.member_id FROM scim_group_members m WHERE m.server_id = $1 AND m.member_type = 'Group'
       UNION
       SELECT r.start, m.member_id FROM reach r
         JOIN scim_group_members m ON m.server_id = $1 AND m.group_id = r.member AND m.member_type = 'Group'
     )
     SELECT DISTINCT start AS id FROM reach WHERE start = member ORDER BY 1`,
    [serverId],
  );
  return rows.map((r) => r.id);
}

/** Membership edges of the server whose member is no User or Group of it (a LEFT JOIN to both tables). */
export async function danglingEdges(
  dataSource: DataSource,
  serverId: string,
): Promise<{ groupId: string; memberId: string; memberType: string }[]> {
  return dataSource.query(
    `SELECT m.group_id AS "groupId", m.member_id AS "memberId", m.member_type AS "memberType" FROM scim_group_members m
       LEFT JOIN scim_users u ON u.server_id = m.server_id AND u.id = m.member_id
       LEFT JOIN scim_groups g ON g.server_id = m.server_id AND g.id = m.member_id
      WHERE m.server_id = $1 AND ((m.member_type = 'User' AND u.id IS NULL) OR (m.member_type = 'Group' AND g.id IS NULL))
      ORDER BY 1, 2`,
    [serverId],
  );
}

/** The outcome of one write: its status, body and Retry-After (an HTTP answer, or one Bulk operation's). */
export interface Outcome {
  status: number;
  body?: unknown;
  retryAfter?: string;
}

export const outcomeOf = (res: TestResponse): Outcome => ({
  status: res.status,
  body: res.body,
  retryAfter: res.headers['retry-after'] as string | undefined,
});

/** The answer to a write PostgreSQL rolled back for a concurrent one (deadlock, serialisation failure). */
export const ROLLED_BACK: Outcome = {
  status: 503,
  body: scimError(
    503,
    'The request ran into a concurrent change of the same resources and was rolled back; nothing was changed. Retry it',
  ),
  retryAfter: '1',
};

/** A refusal with its SCIM error body (no Retry-After). */
export const refused = (status: number, detail: string, scimType: string): Outcome => ({
  status,
  body: scimError(status, detail, scimType),
  retryAfter: undefined,
});
