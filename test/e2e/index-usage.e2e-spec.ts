import { randomUUID } from 'node:crypto';
import { parseFilter } from '../../src/scim/filter';
import { compileFilter } from '../../src/scim/sql/compile-filter';
import { SqlParams } from '../../src/scim/sql/params';
import { GROUP_CONTEXT, GROUP_STORAGE } from '../../src/groups/group-storage';
import { USER_CONTEXT, USER_STORAGE } from '../../src/users/user-storage';
import { TestApp } from '../support/test-app';

/**
 * The lookups IdPs make are answerable from indexes: with sequential scans disabled, the plan of the
 * very SQL the repositories run names the index. (Benchmarks measure speed; this guards the shape.)
 */
describe('index-backed lookups', () => {
  let app: TestApp;
  const serverId = randomUUID();

  beforeAll(async () => {
    app = await TestApp.start();
    // Enough rows of one server that its id alone is not selective, as in production.
    await app.dataSource.query(`INSERT INTO identity_servers (id, name, security_method) VALUES ($1, $2, 'none')`, [serverId, `plans-${serverId}`]);
    await app.dataSource.query(
      `INSERT INTO scim_users (id, server_id, user_name, external_id, data)
       SELECT gen_random_uuid(), $1, 'u' || i || '@example.com', 'ext-' || i,
              jsonb_build_object('emails', jsonb_build_array(jsonb_build_object('value', 'u' || i || '@example.com', 'type', 'work')))
         FROM generate_series(1, 3000) AS i`,
      [serverId],
    );
    await app.dataSource.query(
      `INSERT INTO scim_groups (id, server_id, display_name, external_id) SELECT gen_random_uuid(), $1, 'g' || i, 'g-' || i FROM generate_series(1, 3000) AS i`,
      [serverId],
    );
    await app.dataSource.query('ANALYZE scim_users');
    await app.dataSource.query('ANALYZE scim_groups');
  });
  afterAll(() => app.close());

  async function plan(table: string, where: string, values: unknown[]): Promise<string> {
    return app.dataSource.transaction(async (em) => {
      await em.query('SET LOCAL enable_seqscan = off');
      const rows: { 'QUERY PLAN': string }[] = await em.query(`EXPLAIN SELECT r.id FROM ${table} r WHERE r.server_id = $1 AND ${where}`, values);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  }

  /** The index is named in the plan, and the attribute is part of its condition (not just server_id). */
  function expectIndexed(planText: string, index: string, condition: RegExp): void {
    expect(planText).toContain(index);
    expect(planText).toMatch(condition);
  }

  it.each([
    ['userName eq "Jane@Example.com"', 'UQ_scim_users_user_name', /Index Cond: .*lower\(user_name\)/],
    ['externalId eq "ext-1"', 'IDX_scim_users_external_id', /Index Cond: .*external_id = /],
    ['emails.value eq "jane@example.com"', 'IDX_scim_users_emails', /Index Cond: .*jsonb_path_query_array/],
    ['emails[type eq "work" and value eq "jane@example.com"]', 'IDX_scim_users_emails', /Index Cond: .*jsonb_path_query_array/],
    ['userName eq "a" or externalId eq "b"', 'IDX_scim_users_external_id', /Index Cond: .*lower\(user_name\)/],
  ])('User filter %s uses %s', async (filter, index, condition) => {
    const params = new SqlParams(1);
    const where = compileFilter(parseFilter(filter), USER_CONTEXT, USER_STORAGE, params);
    expectIndexed(await plan('scim_users', where, [serverId, ...params.values]), index, condition);
  });

  it.each([
    ['displayName eq "Sales"', 'UQ_scim_groups_display_name', /Index Cond: .*lower\(display_name\)/],
    ['externalId eq "g-1"', 'IDX_scim_groups_external_id', /Index Cond: .*external_id = /],
  ])('Group filter %s uses %s', async (filter, index, condition) => {
    const params = new SqlParams(1);
    const where = compileFilter(parseFilter(filter), GROUP_CONTEXT, GROUP_STORAGE, params);
    expectIndexed(await plan('scim_groups', where, [serverId, ...params.values]), index, condition);
  });

  it('a membership lookup by member uses the member index', async () => {
    const rows: { 'QUERY PLAN': string }[] = await app.dataSource.transaction(async (em) => {
      await em.query('SET LOCAL enable_seqscan = off');
      return em.query('EXPLAIN SELECT 1 FROM scim_group_members m WHERE m.server_id = $1 AND m.member_id = $2', [randomUUID(), randomUUID()]);
    });
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('IDX_scim_group_members_member');
  });
});
