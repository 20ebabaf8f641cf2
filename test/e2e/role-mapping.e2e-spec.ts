import { createServer, CreatedServer, groupBody, scim, userBody } from '../support/factories';
import { TestApp } from '../support/test-app';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ROLES = 'urn:scimd:schemas:extension:roles:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patchOf = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });
/** Entra's PATCH shape of an app role assignment: the assignment as JSON text in `value`. */
const entraPatchRole = (value: string) => ({
  value: JSON.stringify({ id: `id-of-${value}`, value, displayName: `${value} role` }),
});
/** Entra's POST shape. */
const entraPostRole = (value: string) => ({
  primary: false,
  type: 'WindowsAzureActiveDirectoryRole',
  display: value,
  value,
});

const ROLE_NAMES = ['admin', 'editor', 'viewer'];

describe('role mapping', () => {
  let app: TestApp;

  const setRoles = (server: CreatedServer, body: unknown) =>
    app.admin('PUT', `/servers/${server.id}/role-mapping`, body);
  const roleOf = async (server: CreatedServer, id: string) =>
    (await scim(app, server, 'GET', `${server.base}/Users/${id}`)).body[ROLES]?.effectiveRole;
  const newUser = async (server: CreatedServer, extra: Record<string, unknown> = {}) => {
    const res = await scim(app, server, 'POST', `${server.base}/Users`, userBody(undefined, extra));
    expect(res.status).toBe(201);
    return res.body;
  };
  const newGroup = async (
    server: CreatedServer,
    displayName: string,
    members: string[] = [],
    extra: Record<string, unknown> = {},
  ) => {
    const res = await scim(
      app,
      server,
      'POST',
      `${server.base}/Groups`,
      groupBody(displayName, { members: members.map((value) => ({ value })), ...extra }),
    );
    expect(res.status).toBe(201);
    return res.body;
  };
  const patchGroup = (server: CreatedServer, id: string, ...ops: unknown[]) =>
    scim(app, server, 'PATCH', `${server.base}/Groups/${id}`, patchOf(...ops));

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  describe('admin API', () => {
    it.each([
      [
        { roles: 'admin' },
        'roles must be an array of at most 50 role names (letters, digits, space . _ : -), most privileged first',
      ],
      [{ roles: ['a', 'a'] }, 'roles must not repeat a role'],
      [{ roles: ['a'], defaultRole: 'b' }, 'defaultRole must be one of roles, or null'],
      [
        { roles: ['a'], rules: [{ source: 'entraRole', value: 'X', role: 'b' }] },
        'rules[0].role "b" is not one of roles',
      ],
      [
        { roles: ['a'], rules: [{ source: 'attribute', attribute: 'secodaRole', value: 'X', role: 'a' }] },
        'rules[0].attribute "secodaRole" is not an attribute of this server\'s Users (declare it first)',
      ],
      [
        { roles: ['a'], rules: [{ source: 'attribute', attribute: 'name', value: 'X', role: 'a' }] },
        'rules[0].attribute "name" must be a writable attribute that is not complex',
      ],
      [
        { roles: ['a'], rules: [{ source: 'attribute', attribute: 'password', value: 'X', role: 'a' }] },
        'rules[0].attribute "password" cannot drive a role (write-only, never returned, or one of userName, externalId, displayName, active)',
      ],
      [
        { roles: ['a'], rules: [{ source: 'attribute', attribute: 'userName', value: 'X', role: 'a' }] },
        'rules[0].attribute "userName" cannot drive a role (write-only, never returned, or one of userName, externalId, displayName, active)',
      ],
      [
        {
          roles: ['a'],
          rules: [{ source: 'attribute', attribute: 'title', value: 'X', role: 'a', ignoreCase: 'yes' }],
        },
        'rules[0].ignoreCase must be a boolean',
      ],
      [
        { roles: ['a'], rules: [{ source: 'group', match: 'id', value: 'X', role: 'a' }] },
        'rules[0].match must be "displayName" or "externalId"',
      ],
      [
        { roles: ['a'], rules: [{ source: 'magic', value: 'X', role: 'a' }] },
        'rules[0].source must be "attribute", "entraRole" or "group"',
      ],
      [{ roles: [], rules: [{ source: 'entraRole', value: 'X', role: 'a' }] }, 'rules need roles'],
    ])('refuses %j', async (body, message) => {
      const server = await createServer(app);
      const res = await setRoles(server, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    });

    it('shows the mapping, users per role and unmatched values; off by default', async () => {
      const server = await createServer(app);
      expect((await app.admin('GET', `/servers/${server.id}/role-mapping`)).body).toEqual({
        roles: [],
        defaultRole: null,
        rules: [],
        entraRolesAddReplaces: false,
        roleCounts: {},
        unmatchedValues: [],
      });
      const user = await newUser(server);
      expect(user[ROLES]).toBeUndefined();
      expect(user.schemas).toEqual([CORE]);
      const schemas = await scim(app, server, 'GET', `${server.base}/Schemas`);
      expect(schemas.body.Resources.map((s: { id: string }) => s.id)).not.toContain(ROLES);
    });
  });

  describe('Secoda: a custom attribute in the core namespace', () => {
    let server: CreatedServer;

    beforeAll(async () => {
      server = await createServer(app);
      expect(
        (await app.admin('PUT', `/servers/${server.id}/attributes`, { attributes: [{ name: 'secodaRole' }] })).status,
      ).toBe(200);
      const res = await setRoles(server, {
        roles: ROLE_NAMES,
        defaultRole: 'viewer',
        rules: [
          { source: 'attribute', attribute: 'secodaRole', value: 'Admin', role: 'admin' },
          { source: 'attribute', attribute: `${CORE}:secodaRole`, value: 'Editor', role: 'editor' },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.rules[1]).toEqual({
        source: 'attribute',
        attribute: 'secodaRole',
        value: 'Editor',
        role: 'editor',
        ignoreCase: true,
      });
    });

    it('POST, PUT (active true/false), PATCH and removal follow the attribute; the role is read-only and filterable', async () => {
      const user = await newUser(server, { [`${CORE}:secodaRole`]: 'ADMIN' });
      expect(user.schemas).toEqual([CORE, ROLES]);
      expect(user[ROLES]).toEqual({ effectiveRole: 'admin' });
      const url = `${server.base}/Users/${user.id}`;
      let res = await scim(
        app,
        server,
        'PUT',
        url,
        userBody(user.userName, { active: false, secodaRole: 'Editor', [ROLES]: { effectiveRole: 'admin' } }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ active: false, secodaRole: 'Editor', [ROLES]: { effectiveRole: 'editor' } });
      res = await scim(app, server, 'PUT', url, userBody(user.userName, { active: true, secodaRole: 'Editor' }));
      expect(res.body[ROLES]).toEqual({ effectiveRole: 'editor' });
      res = await scim(app, server, 'PATCH', url, patchOf({ op: 'Replace', path: 'secodaRole', value: 'Admin' }));
      expect(res.body[ROLES]).toEqual({ effectiveRole: 'admin' });
      res = await scim(app, server, 'PATCH', url, patchOf({ op: 'remove', path: 'secodaRole' }));
      expect(res.body[ROLES]).toEqual({ effectiveRole: 'viewer' });
      res = await scim(
        app,
        server,
        'PATCH',
        url,
        patchOf({ op: 'replace', path: `${ROLES}:effectiveRole`, value: 'admin' }),
      );
      expect(res.status).toBe(400);
      expect(res.body.scimType).toBe('mutability');
      const admins = await scim(
        app,
        server,
        'GET',
        `${server.base}/Users?filter=${encodeURIComponent(`${ROLES}:effectiveRole eq "viewer" and id eq "${user.id}"`)}`,
      );
      expect(admins.body.totalResults).toBe(1);
      expect((await app.admin('GET', `/servers/${server.id}/role-mapping/users/${user.id}`)).body).toEqual({
        id: user.id,
        userName: user.userName,
        active: true,
        role: 'viewer',
      });
    });

    it('a declaration a rule uses cannot be removed', async () => {
      const res = await app.admin('PUT', `/servers/${server.id}/attributes`, { attributes: [] });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(
        'Attribute "secodaRole" is used by role-mapping rules[0]: change the role mapping first',
      );
    });

    it('a value no rule maps gives the default role and is counted; /Schemas shows the role extension', async () => {
      const user = await newUser(server, { secodaRole: 'Owner' });
      expect(user[ROLES]).toEqual({ effectiveRole: 'viewer' });
      const view = (await app.admin('GET', `/servers/${server.id}/role-mapping`)).body;
      expect(view.unmatchedValues).toEqual([{ name: 'secodaRole=Owner', count: 1, lastSeen: expect.any(String) }]);
      expect(view.roleCounts.viewer).toBeGreaterThanOrEqual(1);
      const schema = await scim(app, server, 'GET', `${server.base}/Schemas/${ROLES}`);
      expect(schema.body.attributes).toEqual([
        expect.objectContaining({ name: 'effectiveRole', mutability: 'readOnly', type: 'string' }),
      ]);
      const type = await scim(app, server, 'GET', `${server.base}/ResourceTypes/User`);
      expect(type.body.schemaExtensions).toContainEqual({ schema: ROLES, required: false });
    });

    it('a change of the rules recomputes every user in its transaction (new version); switching off removes the role', async () => {
      const user = await newUser(server, { secodaRole: 'Editor' });
      expect(user[ROLES]).toEqual({ effectiveRole: 'editor' });
      await setRoles(server, {
        roles: ROLE_NAMES,
        defaultRole: null,
        rules: [{ source: 'attribute', attribute: 'secodaRole', value: 'Editor', role: 'admin' }],
      });
      const after = await scim(app, server, 'GET', `${server.base}/Users/${user.id}`);
      expect(after.body[ROLES]).toEqual({ effectiveRole: 'admin' });
      expect(after.headers.etag).toBe('W/"2"');
      const other = await newUser(server, { secodaRole: 'Nobody' });
      expect(other[ROLES]).toBeUndefined();
      await setRoles(server, { roles: [] });
      const off = await scim(app, server, 'GET', `${server.base}/Users/${user.id}`);
      expect(off.body[ROLES]).toBeUndefined();
      expect(off.body.schemas).toEqual([CORE]);
      const audit = await app.admin('GET', `/audit?serverId=${server.id}`);
      expect(audit.body.entries.filter((e: { action: string }) => e.action === 'role-mapping.updated')).toHaveLength(3);
    });
  });

  describe('Entra app roles', () => {
    let server: CreatedServer;

    beforeAll(async () => {
      server = await createServer(app);
      await setRoles(server, {
        roles: ROLE_NAMES,
        defaultRole: 'viewer',
        rules: [
          { source: 'entraRole', value: 'Admin', role: 'admin' },
          { source: 'entraRole', value: 'Editor', role: 'editor' },
        ],
      });
    });

    it('POST shape, PATCH shape (matched on value, not id), removal; the highest privilege wins', async () => {
      const user = await newUser(server, { roles: [entraPostRole('Editor')] });
      expect(user[ROLES]).toEqual({ effectiveRole: 'editor' });
      const url = `${server.base}/Users/${user.id}`;
      let res = await scim(
        app,
        server,
        'PATCH',
        url,
        patchOf({ op: 'Add', path: 'roles', value: [entraPatchRole('Admin')] }),
      );
      expect(res.body[ROLES]).toEqual({ effectiveRole: 'admin' });
      expect(res.body.roles).toEqual([entraPostRole('Editor'), { value: 'Admin', display: 'Admin role' }]);
      res = await scim(
        app,
        server,
        'PATCH',
        url,
        patchOf({ op: 'Remove', path: 'roles', value: [entraPatchRole('Admin')] }),
      );
      expect(res.body[ROLES]).toEqual({ effectiveRole: 'editor' });
      res = await scim(app, server, 'PATCH', url, patchOf({ op: 'remove', path: 'roles[value eq "Editor"]' }));
      expect(res.body[ROLES]).toEqual({ effectiveRole: 'viewer' });
      res = await scim(
        app,
        server,
        'PATCH',
        url,
        patchOf({ op: 'add', path: 'roles', value: [entraPatchRole('Guest')] }),
      );
      expect(res.body[ROLES]).toEqual({ effectiveRole: 'viewer' });
      const view = (await app.admin('GET', `/servers/${server.id}/role-mapping`)).body;
      expect(view.unmatchedValues.map((v: { name: string }) => v.name)).toEqual(['roles=Guest']);
    });

    it('Entra only ever adds: stale roles linger, unless entraRolesAddReplaces', async () => {
      const user = await newUser(server, { roles: [entraPostRole('Admin')] });
      const url = `${server.base}/Users/${user.id}`;
      let res = await scim(
        app,
        server,
        'PATCH',
        url,
        patchOf({ op: 'Add', path: 'roles', value: [entraPatchRole('Editor')] }),
      );
      expect(res.body[ROLES]).toEqual({ effectiveRole: 'admin' });
      const view = (await app.admin('GET', `/servers/${server.id}/role-mapping`)).body;
      await setRoles(server, {
        roles: view.roles,
        defaultRole: view.defaultRole,
        rules: view.rules,
        entraRolesAddReplaces: true,
      });
      res = await scim(
        app,
        server,
        'PATCH',
        url,
        patchOf({ op: 'Add', path: 'roles', value: [entraPatchRole('Editor')] }),
      );
      expect(res.body.roles).toEqual([{ value: 'Editor', display: 'Editor role' }]);
      expect(res.body[ROLES]).toEqual({ effectiveRole: 'editor' });
    });
  });

  describe('Okta push groups', () => {
    let server: CreatedServer;

    beforeAll(async () => {
      server = await createServer(app);
      await setRoles(server, {
        roles: ROLE_NAMES,
        defaultRole: 'viewer',
        rules: [
          { source: 'group', value: 'Secoda Admins', role: 'admin' },
          { source: 'group', match: 'externalId', value: 'okta-editors', role: 'editor' },
          { source: 'group', value: 'Staff', role: 'editor', nested: true },
        ],
      });
    });

    it('membership by displayName or externalId: create with members, add, remove (both dialects), rename, delete', async () => {
      const alice = await newUser(server);
      const bob = await newUser(server);
      expect(alice[ROLES]).toEqual({ effectiveRole: 'viewer' });
      const admins = await newGroup(server, 'secoda admins', [alice.id]);
      expect(await roleOf(server, alice.id)).toBe('admin');
      const editors = await newGroup(server, 'Editors', [], { externalId: 'okta-editors' });
      expect(
        (
          await patchGroup(server, editors.id, {
            op: 'add',
            path: 'members',
            value: [{ value: bob.id }, { value: alice.id }],
          })
        ).status,
      ).toBe(200);
      expect(await roleOf(server, bob.id)).toBe('editor');
      expect(await roleOf(server, alice.id)).toBe('admin');
      await patchGroup(server, admins.id, { op: 'remove', path: `members[value eq "${alice.id}"]` });
      expect(await roleOf(server, alice.id)).toBe('editor');
      await patchGroup(server, editors.id, { op: 'remove', path: 'members', value: [{ value: alice.id }] });
      expect(await roleOf(server, alice.id)).toBe('viewer');
      await patchGroup(server, editors.id, { op: 'replace', path: 'externalId', value: 'something-else' });
      expect(await roleOf(server, bob.id)).toBe('viewer');
      await patchGroup(server, editors.id, { op: 'replace', value: { externalId: 'okta-editors' } });
      expect(await roleOf(server, bob.id)).toBe('editor');
      expect((await scim(app, server, 'DELETE', `${server.base}/Groups/${editors.id}`)).status).toBe(204);
      expect(await roleOf(server, bob.id)).toBe('viewer');
      await scim(app, server, 'DELETE', `${server.base}/Groups/${admins.id}`);
    });

    it('PUT of a group (Okta AIW) replaces members and recomputes those who left and joined', async () => {
      const [carol, dave] = [await newUser(server), await newUser(server)];
      const group = await newGroup(server, 'Secoda Admins', [carol.id]);
      expect(await roleOf(server, carol.id)).toBe('admin');
      const res = await scim(
        app,
        server,
        'PUT',
        `${server.base}/Groups/${group.id}`,
        groupBody('Secoda Admins', { members: [{ value: dave.id }] }),
      );
      expect(res.status).toBe(200);
      expect(await roleOf(server, carol.id)).toBe('viewer');
      expect(await roleOf(server, dave.id)).toBe('admin');
      await patchGroup(server, group.id, { op: 'replace', path: 'members', value: [] });
      expect(await roleOf(server, dave.id)).toBe('viewer');
      await scim(app, server, 'DELETE', `${server.base}/Groups/${group.id}`);
    });

    it('nested membership counts only for nested rules, and leaving the parent drops the role', async () => {
      const erin = await newUser(server);
      const team = await newGroup(server, 'Team A', [erin.id]);
      const staff = await newGroup(server, 'Staff', [team.id]);
      expect(await roleOf(server, erin.id)).toBe('editor');
      const admins = await newGroup(server, 'Secoda Admins', [team.id]);
      expect(await roleOf(server, erin.id)).toBe('editor');
      await patchGroup(server, staff.id, { op: 'remove', path: `members[value eq "${team.id}"]` });
      expect(await roleOf(server, erin.id)).toBe('viewer');
      await patchGroup(server, staff.id, { op: 'add', path: 'members', value: [{ value: team.id }] });
      expect(await roleOf(server, erin.id)).toBe('editor');
      await scim(app, server, 'DELETE', `${server.base}/Groups/${team.id}`);
      expect(await roleOf(server, erin.id)).toBe('viewer');
      await scim(app, server, 'DELETE', `${server.base}/Groups/${admins.id}`);
    });

    it('a group change leaves users whose role does not change at their version; changed ones get a new one', async () => {
      const frank = await newUser(server);
      const group = await newGroup(server, 'Unmapped', [frank.id]);
      expect((await scim(app, server, 'GET', `${server.base}/Users/${frank.id}`)).headers.etag).toBe('W/"1"');
      await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Groups/${group.id}`,
        patchOf({ op: 'replace', path: 'displayName', value: 'Secoda Admins' }),
      );
      const after = await scim(app, server, 'GET', `${server.base}/Users/${frank.id}`);
      expect(after.body[ROLES]).toEqual({ effectiveRole: 'admin' });
      expect(after.headers.etag).toBe('W/"2"');
      await scim(app, server, 'DELETE', `${server.base}/Groups/${group.id}`);
    });
  });

  it('conflicting rules: the most privileged role wins, whatever the sources', async () => {
    const server = await createServer(app);
    await app.admin('PUT', `/servers/${server.id}/attributes`, { attributes: [{ name: 'secodaRole' }] });
    await setRoles(server, {
      roles: ROLE_NAMES,
      defaultRole: 'viewer',
      rules: [
        { source: 'attribute', attribute: 'secodaRole', value: 'Viewer', role: 'viewer' },
        { source: 'entraRole', value: 'Writer', role: 'editor' },
        { source: 'group', value: 'Owners', role: 'admin' },
      ],
    });
    const user = await newUser(server, { secodaRole: 'viewer', roles: [entraPostRole('writer')] });
    expect(user[ROLES]).toEqual({ effectiveRole: 'editor' });
    const owners = await newGroup(server, 'Owners', [user.id]);
    expect(await roleOf(server, user.id)).toBe('admin');
    await scim(app, server, 'DELETE', `${server.base}/Groups/${owners.id}`);
    expect(await roleOf(server, user.id)).toBe('editor');
    const admins = await scim(
      app,
      server,
      'GET',
      `${server.base}/Users?filter=${encodeURIComponent(`${ROLES}:effectiveRole eq "editor"`)}`,
    );
    expect(admins.body.Resources.map((r: { id: string }) => r.id)).toEqual([user.id]);
  });
});
