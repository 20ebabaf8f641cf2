import { createServer, CreatedServer, scim } from '../support/factories';
import { recordStatements, SentStatement } from '../support/statements';
import { TestApp } from '../support/test-app';

const ROWS = 3000;

/**
 * The lookups IdPs make are answerable from indexes: each request below is made over HTTP, the
 * statements the repositories sent for it are recorded, and the plan PostgreSQL makes for those very
 * statements, with their parameters, names the index — sequential scans allowed, on tables holding
 * enough rows of the server that its id alone is not selective. (Benchmarks measure speed; this
 * guards the shape.)
 */
describe('index-backed lookups', () => {
  let app: TestApp;
  let server: CreatedServer;

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
    await app.dataSource.query(
      `INSERT INTO scim_users (id, server_id, user_name, external_id, data)
       SELECT gen_random_uuid(), $1, 'u' || i || '@example.com', 'ext-' || i,
              jsonb_build_object('emails', jsonb_build_array(jsonb_build_object('value', 'u' || i || '@example.com', 'type', 'work')))
         FROM generate_series(1, ${ROWS}) AS i`,
      [server.id],
    );
    await app.dataSource.query(
      `INSERT INTO scim_groups (id, server_id, display_name, external_id, data) SELECT gen_random_uuid(), $1, 'g' || i, 'g-' || i, '{}'::jsonb FROM generate_series(1, ${ROWS}) AS i`,
      [server.id],
    );
    // Every user in one group, so that the groups a user's answer derives have many rows to search.
    await app.dataSource.query(
      `INSERT INTO scim_group_members (server_id, group_id, member_id, member_type)
       SELECT $1, g.id, u.id, 'User' FROM scim_users u JOIN scim_groups g ON g.server_id = $1 AND g.display_name = 'g' || substring(u.user_name from 2 for position('@' in u.user_name) - 2)
        WHERE u.server_id = $1`,
      [server.id],
    );
    for (const table of ['scim_users', 'scim_groups', 'scim_group_members'])
      await app.dataSource.query(`VACUUM ANALYZE ${table}`);
  });
  afterAll(() => app.close());

  /** The statements a GET of `path` (under the server's SCIM URL) sent, and its answer. */
  async function sentFor(path: string): Promise<{ status: number; body: any; statements: SentStatement[] }> {
    let res: Awaited<ReturnType<typeof scim>> | undefined;
    const statements = await recordStatements(
      app.dataSource,
      async () => (res = await scim(app, server, 'GET', `${server.base}/${path}`)),
    );
    return { status: res!.status, body: res!.body, statements };
  }

  /** The one recorded statement that reads `table` for the answer. */
  function readOf(statements: SentStatement[], table: string): SentStatement {
    const reads = statements.filter((s) => new RegExp(`FROM ${table} r WHERE r\\.server_id = \\$1`).test(s.text));
    expect(reads.map((s) => s.text.slice(0, 60))).toHaveLength(1);
    return reads[0];
  }

  /**
   * The plans of the statement: the custom plan (its first executions: EXPLAIN with its parameters)
   * and the generic plan PostgreSQL may switch to for a prepared statement, as `runPrepared` runs them.
   */
  async function plansOf(statement: SentStatement): Promise<string[]> {
    const text = (rows: { 'QUERY PLAN': string }[]) => rows.map((r) => r['QUERY PLAN']).join('\n');
    const custom = text(await app.dataSource.query(`EXPLAIN ${statement.text}`, statement.values));
    const literals = statement.values.map((v) => `'${String(v).replace(/'/g, "''")}'`).join(', ');
    const generic = await app.dataSource.transaction(async (em) => {
      await em.query(`PREPARE index_usage_plan AS ${statement.text}`);
      await em.query('SET LOCAL plan_cache_mode = force_generic_plan');
      const plan = text(await em.query(`EXPLAIN EXECUTE index_usage_plan(${literals})`));
      await em.query('DEALLOCATE index_usage_plan');
      return plan;
    });
    return [custom, generic];
  }

  /** Both plans read through the index, on the attribute's condition, and scan no table whole. */
  async function expectIndexed(statement: SentStatement, index: string, condition: RegExp): Promise<void> {
    for (const plan of await plansOf(statement)) {
      expect(plan).toContain(`"${index}"`);
      expect(plan).toMatch(condition);
      expect(plan).not.toMatch(/Seq Scan/);
    }
  }

  it.each([
    ['userName eq "U7@Example.com"', 'UQ_scim_users_user_name', /Index Cond: .*lower\(\(?user_name/],
    ['externalId eq "ext-7"', 'IDX_scim_users_external_id', /Index Cond: .*external_id = /],
    ['emails.value eq "u7@example.com"', 'IDX_scim_users_emails', /Index Cond: .*jsonb_path_query_array/],
    [
      'emails[type eq "work" and value eq "u7@example.com"]',
      'IDX_scim_users_emails',
      /Index Cond: .*jsonb_path_query_array/,
    ],
    [
      'userName eq "u7@example.com" or externalId eq "ext-8"',
      'IDX_scim_users_external_id',
      /Index Cond: .*lower\(\(?user_name/,
    ],
  ])('GET /Users?filter=%s reads users through %s', async (filter, index, condition) => {
    const { status, body, statements } = await sentFor(`Users?filter=${encodeURIComponent(filter)}`);
    expect([status, body.totalResults]).toEqual([200, filter.includes(' or ') ? 2 : 1]);
    await expectIndexed(readOf(statements, 'scim_users'), index, condition);
  });

  it.each([
    ['displayName eq "G7"', 'UQ_scim_groups_display_name', /Index Cond: .*lower\(\(?display_name/],
    ['externalId eq "g-7"', 'IDX_scim_groups_external_id', /Index Cond: .*external_id = /],
  ])('GET /Groups?filter=%s reads groups through %s', async (filter, index, condition) => {
    const { status, body, statements } = await sentFor(
      `Groups?filter=${encodeURIComponent(filter)}&excludedAttributes=members`,
    );
    expect([status, body.totalResults]).toEqual([200, 1]);
    await expectIndexed(readOf(statements, 'scim_groups'), index, condition);
  });

  it('GET /Users/<id> reads the user by its key and its groups through the member index', async () => {
    const id = (
      await app.dataSource.query(`SELECT id FROM scim_users WHERE server_id = $1 AND user_name = 'u7@example.com'`, [
        server.id,
      ])
    )[0].id;
    const { status, body, statements } = await sentFor(`Users/${id}`);
    expect([status, body.groups?.map((g: { display: string }) => g.display)]).toEqual([200, ['g7']]);
    const read = readOf(statements, 'scim_users');
    await expectIndexed(read, 'IDX_scim_group_members_member', /Index Cond: .*member_id = r\.id/);
    for (const plan of await plansOf(read)) expect(plan).toMatch(/Index Scan using "PK_\w+" on scim_users r/);
  });
});
