import { LookupIndexer } from '../../src/custom-attributes/lookup-indexer';
import { TenantDirectory } from '../../src/tenancy/tenant-directory';
import { parseFilter } from '../../src/scim/filter';
import { compileFilter } from '../../src/scim/sql/compile-filter';
import { SqlParams } from '../../src/scim/sql/params';
import { withLookup } from '../../src/scim/sql/storage';
import { USER_STORAGE } from '../../src/users/user-storage';
import { createServer, CreatedServer, groupBody, scim, userBody } from '../support/factories';
import { TestApp } from '../support/test-app';

const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** secodaRole keyed case-insensitively, badges (multi-valued, caseExact) in an extension, a Group attribute. */
const KEYED = [
  { name: 'secodaRole', lookup: true },
  { schema: ACME, name: 'badges', multiValued: true, caseExact: true, lookup: true },
  { schema: ACME, name: 'costCode', type: 'integer' },
  { resourceType: 'Group', name: 'tier', lookup: true },
];

describe('lookup index of custom attributes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const declare = (target: CreatedServer, attributes: unknown[]) =>
    app.admin('PUT', `/servers/${target.id}/attributes`, { attributes });
  const state = async (target: CreatedServer) =>
    (await app.admin('GET', `/servers/${target.id}/attributes`)).body.lookupIndex;
  const ids = async (target: CreatedServer, type: 'Users' | 'Groups', filter: string) =>
    (
      await scim(
        app,
        target,
        'GET',
        `${target.base}/${type}?filter=${encodeURIComponent(filter)}&sortBy=${type === 'Users' ? 'userName' : 'displayName'}`,
      )
    ).body.Resources.map((r: { id: string }) => r.id);
  const keysOf = async (table: string, id: string) =>
    (await app.dataSource.query(`SELECT lookup_keys FROM ${table} WHERE id = $1`, [id]))[0].lookup_keys;

  it('is declared per attribute, on top-level string and reference attributes only', async () => {
    const server = await createServer(app);
    const wrongType = await declare(server, [{ name: 'level', type: 'integer', lookup: true }]);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toBe(
      'attributes[0].lookup applies to string and reference attributes only (eq filters on them are then index-backed)',
    );
    const sub = await declare(server, [
      { name: 'office', type: 'complex', subAttributes: [{ name: 'building', lookup: true }] },
    ]);
    expect(sub.status).toBe(400);
    expect(sub.body.message).toBe(
      'attributes[0].subAttributes[0].lookup: only top-level string and reference attributes are keyed for lookup',
    );
    expect((await declare(server, [{ name: 'secodaRole', lookup: 'yes' }])).body.message).toBe(
      'attributes[0].lookup must be a boolean',
    );
    expect(await state(server)).toBe('none');
    const ok = await declare(server, [{ name: 'secodaRole', lookup: true }, { name: 'plain' }]);
    expect(ok.status).toBe(200);
    expect(ok.body.attributes.map((a: { name: string; lookup?: boolean }) => [a.name, a.lookup])).toEqual([
      ['secodaRole', true],
      ['plain', undefined],
    ]);
  });

  it('keys the resources stored before the declaration once the change settled; filters are right before and after', async () => {
    const server = await createServer(app);
    await declare(
      server,
      KEYED.map(({ lookup, ...rest }) => (void lookup, rest)),
    );
    const admin = (
      await scim(
        app,
        server,
        'POST',
        `${server.base}/Users`,
        userBody('k1@example.com', { secodaRole: 'Admin', [ACME]: { badges: ['B-1', 'b-2'] } }),
      )
    ).body;
    const lower = (
      await scim(
        app,
        server,
        'POST',
        `${server.base}/Users`,
        userBody('k2@example.com', { secodaRole: 'admin', [ACME]: { badges: ['b-1'] } }),
      )
    ).body;
    const viewer = (
      await scim(app, server, 'POST', `${server.base}/Users`, userBody('k3@example.com', { secodaRole: 'Viewer' }))
    ).body;
    const gold = (await scim(app, server, 'POST', `${server.base}/Groups`, groupBody('Gold team', { tier: 'Gold' })))
      .body;
    expect(await keysOf('scim_users', admin.id)).toBeNull();

    expect((await declare(server, KEYED)).status).toBe(200);
    expect(await state(server)).toBe('building');
    // Not settled yet (60 s): nothing is re-keyed, and the filters read without the index.
    await app.get(LookupIndexer).run();
    expect(await state(server)).toBe('building');
    expect(await ids(server, 'Users', 'secodaRole eq "ADMIN"')).toEqual([admin.id, lower.id]);
    // A write after the declaration keys its resource at once.
    const later = (
      await scim(app, server, 'POST', `${server.base}/Users`, userBody('k4@example.com', { secodaRole: 'Editor' }))
    ).body;
    const prefix = `${server.id.slice(0, 8)}:`;
    expect(await keysOf('scim_users', later.id)).toEqual([`${prefix}secodarole=editor`]);

    expect(await app.get(LookupIndexer).run(new Date(), 0)).toBeGreaterThanOrEqual(1);
    expect(await state(server)).toBe('ready');
    expect(await keysOf('scim_users', admin.id)).toEqual([
      `${prefix}secodarole=admin`,
      `${prefix}${ACME.toLowerCase()}:badges=B-1`,
      `${prefix}${ACME.toLowerCase()}:badges=b-2`,
    ]);
    expect(await keysOf('scim_users', viewer.id)).toEqual([`${prefix}secodarole=viewer`]);
    expect(await keysOf('scim_groups', gold.id)).toEqual([`${prefix}tier=gold`]);

    expect(await ids(server, 'Users', 'secodaRole eq "ADMIN"')).toEqual([admin.id, lower.id]);
    expect(await ids(server, 'Users', 'urn:ietf:params:scim:schemas:core:2.0:User:secodaRole eq "viewer"')).toEqual([
      viewer.id,
    ]);
    expect(await ids(server, 'Users', `${ACME}:badges eq "B-1"`)).toEqual([admin.id]);
    expect(await ids(server, 'Users', `${ACME}:badges eq "b-1"`)).toEqual([lower.id]);
    expect(await ids(server, 'Users', 'secodaRole eq "admin" and not (userName eq "k1@example.com")')).toEqual([
      lower.id,
    ]);
    expect(await ids(server, 'Groups', 'tier eq "GOLD"')).toEqual([gold.id]);

    // Writes keep the keys: PATCH, PUT.
    const patched = await scim(app, server, 'PATCH', `${server.base}/Users/${admin.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'secodaRole', value: 'Viewer' }],
    });
    expect(patched.status).toBe(200);
    expect(await ids(server, 'Users', 'secodaRole eq "admin"')).toEqual([lower.id]);
    expect(await ids(server, 'Users', 'secodaRole eq "viewer"')).toEqual([admin.id, viewer.id]);
    const put = await scim(
      app,
      server,
      'PUT',
      `${server.base}/Users/${lower.id}`,
      userBody('k2@example.com', { secodaRole: 'Editor' }),
    );
    expect(put.status).toBe(200);
    expect(await keysOf('scim_users', lower.id)).toEqual([`${prefix}secodarole=editor`]);
    expect(await ids(server, 'Users', 'secodaRole eq "editor"')).toEqual([lower.id, later.id]);
    const renamed = await scim(app, server, 'PATCH', `${server.base}/Groups/${gold.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'tier', value: 'Silver' }],
    });
    expect(renamed.status).toBe(200);
    expect(await ids(server, 'Groups', 'tier eq "gold"')).toEqual([]);
    expect(await ids(server, 'Groups', 'tier eq "silver"')).toEqual([gold.id]);

    // No attribute keyed any more: the keys go, and the state is none.
    await declare(
      server,
      KEYED.map(({ lookup, ...rest }) => (void lookup, rest)),
    );
    expect(await state(server)).toBe('building');
    expect(await app.get(LookupIndexer).run(new Date(), 0)).toBeGreaterThanOrEqual(1);
    expect(await state(server)).toBe('none');
    expect(await keysOf('scim_users', viewer.id)).toBeNull();
    expect(await ids(server, 'Users', 'secodaRole eq "viewer"')).toEqual([admin.id, viewer.id]);
  });

  it('a ready index answers eq on a keyed attribute: the plan names it', async () => {
    const server = await createServer(app);
    await declare(server, KEYED);
    // Enough keyed users of one server that its id alone is not selective, as in production.
    await app.dataSource.query(
      `INSERT INTO scim_users (id, server_id, user_name, data, lookup_keys)
       SELECT gen_random_uuid(), $1, 'p' || i || '@example.com', jsonb_build_object('secodaRole', 'Viewer'), ARRAY[$2 || 'secodarole=viewer']
         FROM generate_series(1, 3000) AS i`,
      [server.id, `${server.id.slice(0, 8)}:`],
    );
    await app.dataSource.query('ANALYZE scim_users');
    await app.get(LookupIndexer).run(new Date(), 0);
    const schemas = (await app.get(TenantDirectory).byId(server.id))!.schemas;
    expect(schemas.lookup.users.ready).toBe(true);
    const params = new SqlParams(1);
    const where = compileFilter(
      parseFilter('secodaRole eq "Admin"'),
      schemas.users,
      withLookup(USER_STORAGE, schemas.lookup.users, 'r.lookup_keys'),
      params,
    );
    const plan: { 'QUERY PLAN': string }[] = await app.dataSource.transaction(async (em) => {
      await em.query('SET LOCAL enable_seqscan = off');
      return em.query(`EXPLAIN SELECT r.id FROM scim_users r WHERE r.server_id = $1 AND ${where}`, [
        server.id,
        ...params.values,
      ]);
    });
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('IDX_scim_users_lookup');
    expect(text).toMatch(/Index Cond: \(lookup_keys @> /);
    // Not keyed: no index condition on lookup_keys.
    const other = new SqlParams(1);
    expect(
      compileFilter(
        parseFilter(`${ACME}:costCode eq 3`),
        schemas.users,
        withLookup(USER_STORAGE, schemas.lookup.users, 'r.lookup_keys'),
        other,
      ),
    ).not.toContain('lookup_keys');
  });
});
