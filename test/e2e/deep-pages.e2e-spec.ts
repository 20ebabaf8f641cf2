import { DEFERRED_JOIN_OFFSET, pageStatement } from '../../src/database/search-table';
import { CREATION_ORDER } from '../../src/database/creation-order';
import { keysetPage } from '../../src/scim/sql/keyset';
import { SqlParams } from '../../src/scim/sql/params';
import { createServer, CreatedServer, scim } from '../support/factories';
import { TestApp } from '../support/test-app';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const USERS = 2500;
const GROUPS = 1200;

/**
 * startIndex paging past DEFERRED_JOIN_OFFSET (Okta's imports page through every user): the page's ids
 * are found first, then only its rows are read. The answers must be exactly those of a plain OFFSET —
 * order, filter, sortBy, totals, derived groups — and the id search must not read whole rows.
 */
describe('deep startIndex pages', () => {
  let app: TestApp;
  let server: CreatedServer;
  /** userName of user i (1-based, creation order): u<i>@example.com; externalId e-<5 digits of USERS + 1 - i>. */
  const userName = (i: number) => `u${i}@example.com`;
  const externalId = (i: number) => `e-${String(USERS + 1 - i).padStart(5, '0')}`;
  const query = (endpoint: string, q: string) => scim(app, server, 'GET', `${server.base}/${endpoint}?${q}`);

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
    // Created one millisecond apart, in i order; the other server's rows are interleaved and must never show.
    const other = await createServer(app);
    for (const serverId of [server.id, other.id]) {
      await app.dataSource.query(
        `INSERT INTO scim_users (id, server_id, user_name, external_id, data, created_at, updated_at)
         SELECT gen_random_uuid(), $1, 'u' || i || '@example.com', 'e-' || lpad((${USERS + 1} - i)::text, 5, '0'), '{}'::jsonb,
                timestamptz '2026-01-01T00:00:00Z' + i * interval '1 millisecond', timestamptz '2026-01-01T00:00:00Z'
           FROM generate_series(1, ${USERS}) AS i`,
        [serverId],
      );
      await app.dataSource.query(
        `INSERT INTO scim_groups (id, server_id, display_name, data, created_at, updated_at)
         SELECT gen_random_uuid(), $1, 'g' || i, '{}'::jsonb, timestamptz '2026-01-01T00:00:00Z' + i * interval '1 millisecond', timestamptz '2026-01-01T00:00:00Z'
           FROM generate_series(1, ${GROUPS}) AS i`,
        [serverId],
      );
    }
    // As autovacuum leaves a table in production: statistics, and the visibility map index-only scans need.
    await app.dataSource.query('VACUUM ANALYZE scim_users');
    await app.dataSource.query('VACUUM ANALYZE scim_groups');
  });
  afterAll(() => app.close());

  it('a page past the threshold holds the users an OFFSET would, in creation order, with the exact total', async () => {
    expect(DEFERRED_JOIN_OFFSET).toBeLessThan(2000);
    const res = await query('Users', 'startIndex=2001&count=4&attributes=userName');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      schemas: [LIST],
      totalResults: USERS,
      startIndex: 2001,
      itemsPerPage: 4,
      Resources: [2001, 2002, 2003, 2004].map((i) => ({
        schemas: [expect.any(String)],
        id: expect.any(String),
        userName: userName(i),
      })),
    });
    // The last page is short; one past the end is empty, with the total still exact.
    const last = await query('Users', `startIndex=${USERS - 1}&count=10&attributes=userName`);
    expect([
      last.body.totalResults,
      last.body.itemsPerPage,
      last.body.Resources.map((u: { userName: string }) => u.userName),
    ]).toEqual([USERS, 2, [userName(USERS - 1), userName(USERS)]]);
    const beyond = await query('Users', `startIndex=${USERS + 1}&count=10`);
    expect([beyond.status, beyond.body.totalResults, beyond.body.itemsPerPage, beyond.body.Resources]).toEqual([
      200,
      USERS,
      0,
      [],
    ]);
  });

  it('with a filter and a sortBy, deep pages follow them', async () => {
    // userName sw "u1": u1, u10–u19, u100–u199, u1000–u1999 — 1111 users, in creation order.
    const matching = Array.from({ length: USERS }, (_, k) => k + 1).filter((i) => String(i).startsWith('1'));
    const filtered = await query(
      'Users',
      `filter=${encodeURIComponent('userName sw "u1"')}&startIndex=1101&count=3&attributes=userName`,
    );
    expect([filtered.body.totalResults, filtered.body.Resources.map((u: { userName: string }) => u.userName)]).toEqual([
      matching.length,
      matching.slice(1100, 1103).map(userName),
    ]);
    // externalId descends as i ascends: sorting by it descending is creation order again, ascending reverses it.
    const descending = await query(
      'Users',
      'sortBy=externalId&sortOrder=descending&startIndex=1501&count=2&attributes=externalId',
    );
    expect(descending.body.Resources.map((u: { externalId: string }) => u.externalId)).toEqual([
      externalId(1501),
      externalId(1502),
    ]);
    const ascending = await query('Users', 'sortBy=externalId&startIndex=1501&count=2&attributes=externalId');
    expect(ascending.body.Resources.map((u: { externalId: string }) => u.externalId)).toEqual([
      externalId(USERS - 1500),
      externalId(USERS - 1501),
    ]);
  });

  it('the derived groups of a deep page are those of its users', async () => {
    const member = await query('Users', `filter=${encodeURIComponent(`userName eq "${userName(2202)}"`)}`);
    const group = await scim(app, server, 'POST', `${server.base}/Groups`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Deep',
      members: [{ value: member.body.Resources[0].id }],
    });
    expect(group.status).toBe(201);
    const res = await query('Users', 'startIndex=2201&count=3&attributes=userName,groups');
    expect(
      res.body.Resources.map((u: { userName: string; groups?: { display: string }[] }) => [
        u.userName,
        u.groups?.map((g) => g.display),
      ]),
    ).toEqual([
      [userName(2201), undefined],
      [userName(2202), ['Deep']],
      [userName(2203), undefined],
    ]);
  });

  it('Groups page the same way', async () => {
    const res = await query('Groups', 'startIndex=1101&count=2&attributes=displayName');
    expect([
      res.status,
      res.body.totalResults,
      res.body.Resources.map((g: { displayName: string }) => g.displayName),
    ]).toEqual([200, GROUPS + 1, ['g1101', 'g1102']]);
  });

  it('the ids of a deep page come from the creation-order index, not from a sort of whole rows', async () => {
    const sql = pageStatement({
      table: 'scim_users',
      columns: 'r.id, r.user_name, r.data',
      where: 'r.server_id = $1',
      orderBy: 'r.created_at ASC, r.id ASC',
      limit: 100,
      offset: 2000,
    });
    const rows: { 'QUERY PLAN': string }[] = await app.dataSource.query(`EXPLAIN ${sql}`, [server.id]);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Nested Loop/);
    expect(plan).toMatch(/Index Only Scan using "IDX_scim_users_created" on scim_users/);
    expect(plan).toMatch(/Index Scan using "PK_\w+" on scim_users t/);
    expect(plan).not.toMatch(/Seq Scan|Hash/);
  });

  it('cursor pages walk every user once, in creation order', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (let pages = 0; pages < 10; pages++) {
      const res = await query('Users', `cursor=${encodeURIComponent(cursor)}&count=1000&attributes=userName`);
      expect([res.status, res.body.totalResults]).toEqual([200, USERS]);
      seen.push(...res.body.Resources.map((u: { userName: string }) => u.userName));
      if (!res.body.nextCursor) break;
      cursor = res.body.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: USERS }, (_, k) => userName(k + 1)));
  });

  it('a cursor page in creation order starts its index scan at the cursor (a row comparison), not at the first user', async () => {
    const params = new SqlParams(1);
    const order = { key: CREATION_ORDER.expr, id: 'r.id', cast: CREATION_ORDER.cast, descending: false };
    const page = keysetPage(
      { ...order, notNull: CREATION_ORDER.notNull },
      { key: '2026-01-01T00:00:02Z', id: '00000000-0000-4000-8000-000000000000', direction: 'next' },
      params,
    );
    const sql = pageStatement({
      table: 'scim_users',
      columns: 'r.id',
      where: `r.server_id = $1 AND ${page.where}`,
      orderBy: page.orderBy,
      limit: 101,
      offset: 0,
    });
    const rows: { 'QUERY PLAN': string }[] = await app.dataSource.query(`EXPLAIN ${sql}`, [
      server.id,
      ...params.values,
    ]);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Index (Only )?Scan using "IDX_scim_users_created" on scim_users/);
    expect(plan).toMatch(/Index Cond: \(\(server_id = .*\) AND \(ROW\(created_at, id\) > ROW\(/);
    expect(plan).not.toMatch(/Seq Scan|Sort|Filter/);
  });
});
