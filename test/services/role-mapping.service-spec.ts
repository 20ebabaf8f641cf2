import { ScimContext } from '../../src/tenancy/scim-context';
import {
  contextOf,
  createServerWith,
  ENGINE,
  GroupsService,
  refusal,
  RoleMappingService,
  TestApp,
  UsersService,
  WHOLE,
} from '../support/services';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const MISSING = '00000000-0000-4000-8000-00000000dead';

const patchOf = (...Operations: Record<string, unknown>[]) => ({ schemas: [PATCH_OP], Operations });
const members = (...ids: string[]) => ids.map((value) => ({ value }));

/** By group (nested) and by the user's title; everyone else is a viewer. */
const MAPPING = {
  roles: ['admin', 'editor', 'viewer'],
  defaultRole: 'viewer',
  rules: [
    { source: 'group', value: 'Admins', role: 'admin', nested: true },
    { source: 'attribute', attribute: 'title', value: 'Editor', role: 'editor' },
  ],
};

/**
 * RoleMappingService on the real database: a new mapping recomputes every user, and each group or
 * user change recomputes the users it can move in or out of a role (in SQL, in the change's
 * transaction). Asserts the stored roles, and the user versions that a recomputation bumps.
 */
describe(`RoleMappingService (${ENGINE})`, () => {
  let app: TestApp;
  let service: RoleMappingService;
  let users: UsersService;
  let groups: GroupsService;
  let serverId: string;
  /** The context of a request after the mapping was set (its tenant carries the compiled mapping). */
  let ctx: ScimContext;
  let n = 0;

  const roles = async (...ids: string[]) => {
    const rows: { id: string; role: string | null; version: number }[] = await app.dataSource.query(
      'SELECT id, effective_role AS role, version FROM scim_users WHERE server_id = $1 AND id = ANY($2::uuid[])',
      [serverId, ids],
    );
    return ids.map((id) => {
      const row = rows.find((r) => r.id === id);
      return row ? row.role : 'gone';
    });
  };
  const version = async (id: string) =>
    (await app.dataSource.query('SELECT version FROM scim_users WHERE id = $1', [id]))[0].version as number;
  const createUser = async (extra: Record<string, unknown> = {}, on = ctx) =>
    (await users.create(on, { schemas: [USER], userName: `user-${++n}@example.com`, ...extra }, WHOLE)).body
      .id as string;
  const createGroup = async (displayName: string, extra: Record<string, unknown> = {}) =>
    (await groups.create(ctx, { schemas: [GROUP], displayName, ...extra }, WHOLE)).body.id as string;

  beforeAll(async () => {
    app = await TestApp.start();
    service = app.get(RoleMappingService);
    users = app.get(UsersService);
    groups = app.get(GroupsService);
    serverId = (await createServerWith(app)).id;
  });
  afterAll(() => app.close());

  describe('replacing the mapping', () => {
    // Would catch: the recomputation of existing users left out of the replace (roles only on the next write).
    it('recomputes every existing user in the same transaction, and counts the roles', async () => {
      const before = await contextOf(app, serverId);
      expect(before.tenant.roleMapping.enabled).toBe(false);
      const plain = await createUser({}, before);
      const editor = await createUser({ title: 'editor' }, before);
      const admin = await createUser({}, before);
      await groups.create(before, { schemas: [GROUP], displayName: 'Admins', members: members(admin) }, WHOLE);
      expect(await roles(plain, editor, admin)).toEqual([null, null, null]);

      const view = await service.replace(serverId, MAPPING);
      expect(view).toEqual({
        roles: MAPPING.roles,
        defaultRole: 'viewer',
        rules: [
          { source: 'group', match: 'displayName', value: 'Admins', role: 'admin', nested: true },
          { source: 'attribute', attribute: 'title', value: 'Editor', role: 'editor', ignoreCase: true },
        ],
        entraRolesAddReplaces: false,
        roleCounts: { admin: 1, editor: 1, viewer: 1 },
        unmatchedValues: [],
      });
      expect(await roles(plain, editor, admin)).toEqual(['viewer', 'editor', 'admin']);
      expect(await version(plain)).toBe(2);
      ctx = await contextOf(app, serverId);
      expect(ctx.tenant.roleMapping.byGroups).toBe(true);
    });

    // Would catch: a refused mapping half-applied (stored, or some users recomputed).
    it('an invalid mapping is 400 and changes nothing', async () => {
      const user = await createUser();
      const v = await version(user);
      expect(
        await refusal(
          service.replace(serverId, { ...MAPPING, rules: [{ source: 'group', value: 'X', role: 'owner' }] }),
        ),
      ).toEqual([400, 'invalidValue', 'rules[0].role "owner" is not one of roles']);
      expect(await refusal(service.replace(serverId, { roles: ['a'], defaultRole: 'b' }))).toEqual([
        400,
        'invalidValue',
        'defaultRole must be one of roles, or null',
      ]);
      expect((await service.get(serverId)).rules).toHaveLength(2);
      expect([await roles(user), await version(user)]).toEqual([['viewer'], v]);
    });

    it('an unknown server or user is 404', async () => {
      const absent = [404, undefined, `Identity server ${MISSING} not found`];
      expect(await refusal(service.replace(MISSING, MAPPING))).toEqual(absent);
      expect(await refusal(service.get(MISSING))).toEqual(absent);
      expect(await refusal(service.clearUnmatched(MISSING))).toEqual(absent);
      expect(await refusal(service.userRole(serverId, MISSING))).toEqual([
        404,
        undefined,
        `Identity server ${serverId} has no user ${MISSING}`,
      ]);
    });
  });

  describe('group changes recompute the users they move', () => {
    // Would catch: a members-only PATCH taking the one-statement path that skips the recomputation.
    it('PATCH add and remove of a member', async () => {
      const user = await createUser();
      const admins = await app.dataSource.query(
        "SELECT id FROM scim_groups WHERE server_id = $1 AND display_name = 'Admins'",
        [serverId],
      );
      const id = admins[0].id as string;
      await groups.patch(ctx, id, patchOf({ op: 'add', path: 'members', value: members(user) }), WHOLE);
      expect(await roles(user)).toEqual(['admin']);
      await groups.patch(ctx, id, patchOf({ op: 'remove', path: `members[value eq "${user}"]` }), WHOLE);
      expect(await roles(user)).toEqual(['viewer']);
    });

    // Would catch: members under a nested group missed, in either direction.
    it('nested: a member of a member group gets the role, and loses it when that group leaves', async () => {
      const user = await createUser();
      const inner = await createGroup(`inner-${++n}`, { members: members(user) });
      const [{ id: admins }] = await app.dataSource.query(
        "SELECT id FROM scim_groups WHERE server_id = $1 AND display_name = 'Admins'",
        [serverId],
      );
      await groups.patch(ctx, admins, patchOf({ op: 'add', path: 'members', value: members(inner) }), WHOLE);
      expect(await roles(user)).toEqual(['admin']);
      await groups.patch(ctx, admins, patchOf({ op: 'remove', path: `members[value eq "${inner}"]` }), WHOLE);
      expect(await roles(user)).toEqual(['viewer']);
    });

    // Would catch: a rename or PUT recomputing only the members after the change (the removed keep the role).
    it('a rename into and out of the rule, a PUT that drops members, and a delete', async () => {
      const [a, b] = [await createUser(), await createUser()];
      const id = await createGroup(`staff-${++n}`, { members: members(a, b) });
      expect(await roles(a, b)).toEqual(['viewer', 'viewer']);
      // Free the name "Admins" for this group by renaming the first one away.
      const [{ id: first }] = await app.dataSource.query(
        "SELECT id FROM scim_groups WHERE server_id = $1 AND display_name = 'Admins'",
        [serverId],
      );
      await groups.patch(ctx, first, patchOf({ op: 'replace', path: 'displayName', value: `former-${n}` }), WHOLE);
      await groups.patch(ctx, id, patchOf({ op: 'replace', path: 'displayName', value: 'admins' }), WHOLE);
      expect(await roles(a, b)).toEqual(['admin', 'admin']);
      await groups.replace(ctx, id, { schemas: [GROUP], displayName: 'admins', members: members(a) }, WHOLE);
      expect(await roles(a, b)).toEqual(['admin', 'viewer']);
      const va = await version(a);
      await groups.delete(ctx, id, WHOLE);
      expect(await roles(a, b)).toEqual(['viewer', 'viewer']);
      expect(await version(a)).toBe(va + 1);
      // Back as it was for the other tests.
      await groups.patch(ctx, first, patchOf({ op: 'replace', path: 'displayName', value: 'Admins' }), WHOLE);
    });
  });

  describe('user writes compute their own role', () => {
    // Would catch: the role not recomputed in the user's own UPDATE, or an unmatched value not counted.
    it('in the UPDATE that writes the source attribute; unmatched values are noted and counted', async () => {
      const user = await createUser({ title: 'Intern' });
      expect(await roles(user)).toEqual(['viewer']);
      const res = await users.patch(ctx, user, patchOf({ op: 'replace', path: 'title', value: 'EDITOR' }), WHOLE);
      expect([res.version, res.notes]).toEqual([2, undefined]);
      expect(await service.userRole(serverId, user)).toEqual({
        id: user,
        userName: `user-${n}@example.com`,
        active: true,
        role: 'editor',
      });
      const back = await users.patch(ctx, user, patchOf({ op: 'replace', path: 'title', value: 'Temp' }), WHOLE);
      expect(back.notes).toEqual({ ignored: [], unmatchedRoleValues: ['title=Temp'] });
      expect(await roles(user)).toEqual(['viewer']);
      const { unmatchedValues } = await service.get(serverId);
      expect(unmatchedValues.map((v) => [v.name, v.count])).toEqual([
        ['title=Intern', 1],
        ['title=Temp', 1],
      ]);
      await service.clearUnmatched(serverId);
      expect((await service.get(serverId)).unmatchedValues).toEqual([]);
    });
  });

  describe('switching the mapping off', () => {
    // Would catch: the mapping switched off leaving stale roles behind.
    it('clears every role', async () => {
      const withRole = async () =>
        (
          await app.dataSource.query(
            'SELECT count(*)::int AS n FROM scim_users WHERE server_id = $1 AND effective_role IS NOT NULL',
            [serverId],
          )
        )[0].n as number;
      expect(await withRole()).toBeGreaterThan(5);
      await service.replace(serverId, { roles: [] });
      expect(await withRole()).toBe(0);
      expect((await service.get(serverId)).roleCounts).toEqual({});
    });
  });
});
