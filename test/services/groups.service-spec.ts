import { ScimContext } from '../../src/tenancy/scim-context';
import {
  afterNextCalls,
  beforeNextCalls,
  contextOf,
  createServerWith,
  ENGINE,
  GroupsRepository,
  GroupsService,
  MembershipsRepository,
  refusal,
  TestApp,
  TWO_SESSIONS,
  UsersService,
  WHOLE,
  WRITE_ATTEMPTS,
} from '../support/services';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const MISSING = '00000000-0000-4000-8000-00000000dead';

const patchOf = (...Operations: Record<string, unknown>[]) => ({ schemas: [PATCH_OP], Operations });
const rename = (displayName: string) => patchOf({ op: 'replace', path: 'displayName', value: displayName });
const addMembers = (...ids: string[]) =>
  patchOf({ op: 'add', path: 'members', value: ids.map((value) => ({ value })) });
const preconditionFailed = (id: string, version: number) =>
  `Precondition failed: resource ${id} is now at version W/"${version}"; read it again and retry`;
const notFound = (id: string) => [404, undefined, `Group ${id} not found`];

/**
 * GroupsService and GroupMembersService on the real database. A group write reads and writes in one
 * transaction, so a write between the two needs a second session: those cases run on PostgreSQL only
 * (the embedded database has one session, and a second writer would wait for the first's commit).
 */
describe(`GroupsService (${ENGINE})`, () => {
  let app: TestApp;
  let service: GroupsService;
  let users: UsersService;
  let repository: GroupsRepository;
  let memberships: MembershipsRepository;
  let ctx: ScimContext;
  let n = 0;

  const row = async (id: string) =>
    (
      await app.dataSource.query(
        `SELECT version, display_name AS "displayName",
                (SELECT coalesce(array_agg(m.member_id::text ORDER BY m.member_id), '{}') FROM scim_group_members m WHERE m.group_id = g.id) AS members
           FROM scim_groups g WHERE server_id = $1 AND id = $2`,
        [ctx.tenant.id, id],
      )
    )[0] as { version: number; displayName: string; members: string[] } | undefined;
  const createGroup = async (extra: Record<string, unknown> = {}, on = ctx) =>
    (await service.create(on, { schemas: [GROUP], displayName: `group-${++n}`, ...extra }, WHOLE)).body.id as string;
  const createUser = async (on = ctx) =>
    (await users.create(on, { schemas: [USER], userName: `member-${++n}@example.com` }, WHOLE)).body.id as string;
  const renameConcurrently = (id: string, name: string) => () => service.patch(ctx, id, rename(name), WHOLE);
  const deleteConcurrently = (id: string) => () => service.delete(ctx, id, WHOLE);

  beforeAll(async () => {
    app = await TestApp.start();
    service = app.get(GroupsService);
    users = app.get(UsersService);
    repository = app.get(GroupsRepository);
    memberships = app.get(MembershipsRepository);
    ctx = await contextOf(app, (await createServerWith(app)).id);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => app.close());

  describe('If-Match', () => {
    // Would catch: If-Match not checked on the group path (PATCH members and attributes alike).
    it('a stale version is 412 for an attribute and a member PATCH; nothing is written', async () => {
      const id = await createGroup();
      const user = await createUser();
      await service.patch(ctx, id, rename('Renamed'), WHOLE);
      for (const body of [rename('Again'), addMembers(user)])
        expect(await refusal(service.patch(ctx, id, body, { ifMatch: [1], projection: {} }))).toEqual([
          412,
          undefined,
          preconditionFailed(id, 2),
        ]);
      expect(await row(id)).toEqual({ version: 2, displayName: 'Renamed', members: [] });
      const res = await service.patch(ctx, id, addMembers(user), { ifMatch: [2], projection: {} });
      expect(res.version).toBe(3);
      expect(await row(id)).toEqual({ version: 3, displayName: 'Renamed', members: [user] });
    });

    // Would catch: a DELETE whose version check and delete are two steps with no version in the DELETE.
    it('DELETE overtaken after its version check is 412 at the new version, and the group stays', async () => {
      const id = await createGroup();
      afterNextCalls(repository, 'findById', renameConcurrently(id, `Concurrent ${id}`));
      expect(await refusal(service.delete(ctx, id, { ifMatch: [1], projection: {} }))).toEqual([
        412,
        undefined,
        preconditionFailed(id, 2),
      ]);
      expect(await row(id)).toEqual({ version: 2, displayName: `Concurrent ${id}`, members: [] });
    });
  });

  describe('members', () => {
    // Would catch: the one-statement member PATCH treating "group gone" as success (an edge to no group,
    // or 500 for the foreign key violation instead of the 404 mapped from it).
    it('a members-only PATCH of a group deleted after its read is 404, and leaves no edge', async () => {
      const id = await createGroup();
      const user = await createUser();
      afterNextCalls(repository, 'findById', deleteConcurrently(id));
      expect(await refusal(service.patch(ctx, id, addMembers(user), WHOLE))).toEqual(notFound(id));
      expect(await row(id)).toBeUndefined();
      const [{ edges }] = await app.dataSource.query(
        'SELECT count(*)::int AS edges FROM scim_group_members WHERE group_id = $1',
        [id],
      );
      expect(edges).toBe(0);
    });

    // Would catch: the add statement trusting the earlier member check (an edge to a deleted user).
    it('a member deleted between the check and the insert is skipped: no edge, no new version', async () => {
      const id = await createGroup();
      const user = await createUser();
      afterNextCalls(memberships, 'memberTypes', () => users.delete(ctx, user, WHOLE));
      const res = await service.patch(ctx, id, addMembers(user), WHOLE);
      expect(res.version).toBe(1);
      expect(await row(id)).toEqual({ version: 1, displayName: `group-${n - 1}`, members: [] });
    });

    it('adding a member twice or removing an absent one changes nothing and keeps the version', async () => {
      const user = await createUser();
      const id = await createGroup({ members: [{ value: user }] });
      expect((await service.patch(ctx, id, addMembers(user), WHOLE)).version).toBe(1);
      const other = await createUser();
      const removeOther = patchOf({ op: 'remove', path: `members[value eq "${other}"]` });
      expect((await service.patch(ctx, id, removeOther, WHOLE)).version).toBe(1);
      expect((await row(id))?.members).toEqual([user]);
    });

    it.each([
      [
        'an unknown member',
        () => addMembers(MISSING),
        () => `Member ${MISSING} is not a User or Group of this identity server`,
      ],
      [
        'a value that is no id',
        () => patchOf({ op: 'add', path: 'members', value: [{ value: 'nope' }] }),
        () => 'members[0].value must be the id of a User or Group of this identity server',
      ],
      ['the group itself', (g: string) => addMembers(g), (g: string) => `Group ${g} cannot be a member of itself`],
    ])('%s is 400 invalidValue, and nothing is written', async (_, body, detail) => {
      const id = await createGroup();
      expect(await refusal(service.patch(ctx, id, body(id), WHOLE))).toEqual([400, 'invalidValue', detail(id)]);
      expect(await row(id)).toEqual({ version: 1, displayName: `group-${n}`, members: [] });
    });

    // Would catch: the cycle check missing an indirect path (A ∋ B ∋ C, then C ∋ A).
    it('a member group that would close a cycle is 400 invalidValue naming it', async () => {
      const a = await createGroup();
      const b = await createGroup({ members: [{ value: a }] });
      const c = await createGroup({ members: [{ value: b }] });
      expect(await refusal(service.patch(ctx, a, addMembers(c), WHOLE))).toEqual([
        400,
        'invalidValue',
        `Adding group ${c} as a member would make a cycle: it already contains group ${a}`,
      ]);
      expect(await row(a)).toEqual({ version: 1, displayName: `group-${n - 2}`, members: [] });
    });

    // Would catch: unknownMembers "ignore" not honoured, or not noted in the request's leniency.
    it('under unknownMembers "ignore", unknown members are dropped and noted', async () => {
      const lenient = await contextOf(app, (await createServerWith(app, { scim: { unknownMembers: 'ignore' } })).id);
      const user = await createUser(lenient);
      const id = await createGroup({}, lenient);
      const res = await service.patch(
        lenient,
        id,
        patchOf({ op: 'add', path: 'members', value: [{ value: MISSING }, { value: 'nope' }, { value: user }] }),
        WHOLE,
      );
      expect(res.version).toBe(2);
      expect(lenient.leniency.noted).toEqual(['unknown-member-ignored']);
      const [{ members }] = await app.dataSource.query(
        'SELECT array_agg(member_id::text) AS members FROM scim_group_members WHERE group_id = $1',
        [id],
      );
      expect(members).toEqual([user]);
    });
  });

  describe('uniqueness', () => {
    const conflict = [409, 'uniqueness', 'A group with this displayName already exists in this identity server'];

    // Would catch: the unique index dropped or no longer case-insensitive, or its violation mapped to 500.
    it('a displayName taken in any case is 409 uniqueness on create, PUT and PATCH; nothing is written', async () => {
      await createGroup({ displayName: 'Engineering' });
      const other = await createGroup();
      const user = await createUser();
      expect(await refusal(service.create(ctx, { schemas: [GROUP], displayName: 'ENGINEERING' }, WHOLE))).toEqual(
        conflict,
      );
      expect(
        await refusal(
          service.replace(
            ctx,
            other,
            { schemas: [GROUP], displayName: 'engineering', members: [{ value: user }] },
            WHOLE,
          ),
        ),
      ).toEqual(conflict);
      expect(await refusal(service.patch(ctx, other, rename('Engineering'), WHOLE))).toEqual(conflict);
      // The PUT's member change rolled back with its refused rename.
      expect(await row(other)).toEqual({ version: 1, displayName: `group-${n - 1}`, members: [] });
    });
  });

  describe('not found', () => {
    it.each(['get', 'patch', 'members patch', 'replace', 'delete'] as const)(
      '%s of an unknown id is 404',
      async (method) => {
        const calls = {
          get: () => service.get(ctx, MISSING, WHOLE),
          patch: () => service.patch(ctx, MISSING, rename('x'), WHOLE),
          'members patch': () => service.patch(ctx, MISSING, addMembers(MISSING), WHOLE),
          replace: () => service.replace(ctx, MISSING, { schemas: [GROUP], displayName: 'x' }, WHOLE),
          delete: () => service.delete(ctx, MISSING, WHOLE),
        };
        expect(await refusal(calls[method]())).toEqual(notFound(MISSING));
      },
    );

    // Would catch: a group query without the tenant in its WHERE.
    it("another server's group is not found, and is left as it was", async () => {
      const id = await createGroup();
      const elsewhere = await contextOf(app, (await createServerWith(app)).id);
      expect(await refusal(service.patch(elsewhere, id, rename('x'), WHOLE))).toEqual(notFound(id));
      expect(await refusal(service.delete(elsewhere, id, WHOLE))).toEqual(notFound(id));
      expect(await row(id)).toEqual({ version: 1, displayName: `group-${n}`, members: [] });
    });
  });

  (TWO_SESSIONS ? describe : describe.skip)('a write overtaken inside its transaction (two sessions)', () => {
    // Would catch: the retry dropped, or one that reuses the stale read (the concurrent rename lost).
    it('without If-Match: rolled back and tried again on the new version, keeping both changes', async () => {
      const id = await createGroup();
      const user = await createUser();
      const update = beforeNextCalls(repository, 'update', renameConcurrently(id, `Concurrent ${id}`));
      const res = await service.patch(
        ctx,
        id,
        patchOf(
          { op: 'replace', path: 'externalId', value: 'ext-1' },
          { op: 'add', path: 'members', value: [{ value: user }] },
        ),
        WHOLE,
      );
      expect([res.version, res.body.displayName, res.body.externalId]).toEqual([3, `Concurrent ${id}`, 'ext-1']);
      expect(await row(id)).toEqual({ version: 3, displayName: `Concurrent ${id}`, members: [user] });
      expect(update.mock.calls.map(([, , version]) => version)).toEqual([1, 1, 2]);
    });

    // Would catch: the locked attempt not locking first (it could lose again, and would then be 412).
    it('loses every optimistic attempt, then wins under the row lock', async () => {
      const id = await createGroup();
      let k = 0;
      beforeNextCalls(
        repository,
        'update',
        () => renameConcurrently(id, `Concurrent ${id} ${++k}`)(),
        WRITE_ATTEMPTS - 1,
      );
      const lock = jest.spyOn(repository, 'lockById');
      const res = await service.patch(ctx, id, patchOf({ op: 'replace', path: 'externalId', value: 'ext' }), WHOLE);
      expect(lock).toHaveBeenCalledTimes(1);
      expect([res.version, res.body.displayName, res.body.externalId]).toEqual([
        WRITE_ATTEMPTS + 1,
        `Concurrent ${id} ${WRITE_ATTEMPTS - 1}`,
        'ext',
      ]);
    });

    // Would catch: a conditional write retried (the client's version is gone: it must refuse).
    it('with If-Match: 412 at the version that overtook it, its member change rolled back', async () => {
      const id = await createGroup();
      const user = await createUser();
      beforeNextCalls(repository, 'update', renameConcurrently(id, `Concurrent ${id}`));
      const body = patchOf(
        { op: 'replace', path: 'externalId', value: 'x' },
        { op: 'add', path: 'members', value: [{ value: user }] },
      );
      expect(await refusal(service.patch(ctx, id, body, { ifMatch: [1], projection: {} }))).toEqual([
        412,
        undefined,
        preconditionFailed(id, 2),
      ]);
      expect(await row(id)).toEqual({ version: 2, displayName: `Concurrent ${id}`, members: [] });
    });

    // Would catch: "no row updated" after a delete treated as a version conflict forever, or as 412.
    it.each([
      ['without If-Match', undefined],
      ['with If-Match', [1]],
    ])('deleted before its UPDATE, %s: 404', async (_, ifMatch) => {
      const id = await createGroup();
      beforeNextCalls(repository, 'update', deleteConcurrently(id));
      expect(await refusal(service.patch(ctx, id, rename('Late'), { ifMatch, projection: {} }))).toEqual(notFound(id));
      expect(await row(id)).toBeUndefined();
    });

    // Would catch: the foreign key violation of a member insert into a deleted group answered 500.
    it('PUT of a group deleted before its member insert: 404, and no edge', async () => {
      const id = await createGroup();
      const user = await createUser();
      beforeNextCalls(memberships, 'change', deleteConcurrently(id));
      expect(
        await refusal(
          service.replace(ctx, id, { schemas: [GROUP], displayName: 'Put', members: [{ value: user }] }, WHOLE),
        ),
      ).toEqual(notFound(id));
      const [{ edges }] = await app.dataSource.query(
        'SELECT count(*)::int AS edges FROM scim_group_members WHERE group_id = $1',
        [id],
      );
      expect(edges).toBe(0);
    });
  });
});
