import { createServer, CreatedServer, groupBody, scim, scimError, userBody } from '../support/factories';
import { TestApp } from '../support/test-app';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const patchOf = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });

/** PUT, PATCH, DELETE with ETags and If-Match / If-None-Match, on Users and Groups. */
describe('writes: PUT, PATCH, ETags', () => {
  let app: TestApp;
  let server: CreatedServer;

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
  });
  afterAll(() => app.close());

  const createUser = async (extra: Record<string, unknown> = {}) =>
    (await scim(app, server, 'POST', `${server.base}/Users`, userBody(undefined, extra))).body;

  /** `count` users `<prefix><i>@example.com` of the server, all made members of the group, in SQL (fast). */
  const seedMembers = async (serverId: string, groupId: string, prefix: string, count: number) => {
    await app.dataSource.query(
      `INSERT INTO scim_users (id, server_id, user_name, data)
       SELECT gen_random_uuid(), $1, $2 || i || '@example.com', '{}'::jsonb FROM generate_series(1, $3::int) AS i`,
      [serverId, prefix, count],
    );
    await app.dataSource.query(
      `INSERT INTO scim_group_members (group_id, member_id, server_id, member_type) SELECT $2, id, $1, 'User' FROM scim_users WHERE server_id = $1`,
      [serverId, groupId],
    );
  };

  describe('Users', () => {
    it('PUT replaces the user: left-out attributes are cleared, read-only ones ignored, version bumped', async () => {
      const user = await createUser({ nickName: 'Nick', title: 'Engineer', name: { givenName: 'A' } });
      const res = await scim(app, server, 'PUT', `${server.base}/Users/${user.id}`, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        id: 'ignored-id',
        meta: { version: 'W/"99"' },
        userName: 'renamed@example.com',
        title: 'Manager',
        active: false,
      });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('W/"2"');
      expect(res.body).toEqual({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        id: user.id,
        userName: 'renamed@example.com',
        active: false,
        title: 'Manager',
        meta: { ...user.meta, lastModified: expect.any(String), version: 'W/"2"' },
      });
      expect(Date.parse(res.body.meta.lastModified)).toBeGreaterThanOrEqual(Date.parse(user.meta.lastModified));
      expect((await scim(app, server, 'GET', `${server.base}/Users/${user.id}`)).body).toEqual(res.body);
    });

    it('PATCH applies operations atomically and answers 200 with the resource', async () => {
      const user = await createUser({ emails: [{ value: 'w@example.com', type: 'work' }] });
      const res = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Users/${user.id}`,
        patchOf(
          { op: 'replace', path: 'active', value: false },
          { op: 'add', path: 'name.givenName', value: 'Pat' },
          { op: 'replace', path: 'emails[type eq "work"].value', value: 'new@example.com' },
          { op: 'add', path: `${ENTERPRISE}:department`, value: 'Ops' },
        ),
      );
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('W/"2"');
      expect(res.body).toMatchObject({
        active: false,
        name: { givenName: 'Pat' },
        emails: [{ value: 'new@example.com', type: 'work' }],
        [ENTERPRISE]: { department: 'Ops' },
        meta: { version: 'W/"2"' },
      });
      expect(res.body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE]);

      const failing = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Users/${user.id}`,
        patchOf(
          { op: 'replace', path: 'title', value: 'Boss' },
          // No element matches and none can be made from a `ne` filter (an `eq` one would create it: docs/compatibility.md).
          { op: 'replace', path: 'emails[type ne "work"].value', value: 'x@example.com' },
        ),
      );
      expect(failing.status).toBe(400);
      expect(failing.body).toMatchObject({ status: '400', scimType: 'noTarget' });
      const after = await scim(app, server, 'GET', `${server.base}/Users/${user.id}`);
      expect(after.body.title).toBeUndefined();
      expect(after.headers.etag).toBe('W/"2"');
    });

    it('answers PATCH with 204 and the ETag when the server is set to patchStatus 204', async () => {
      const quiet = await createServer(app, { scim: { patchStatus: 204 } });
      expect(quiet.body.scim).toEqual({
        patchStatus: 204,
        strict: false,
        unknownMembers: 'reject',
        memberDisplay: 'resource',
      });
      const user = (await scim(app, quiet, 'POST', `${quiet.base}/Users`, userBody())).body;
      const res = await scim(
        app,
        quiet,
        'PATCH',
        `${quiet.base}/Users/${user.id}`,
        patchOf({ op: 'replace', path: 'active', value: false }),
      );
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(res.headers.etag).toBe('W/"2"');
      const group = (await scim(app, quiet, 'POST', `${quiet.base}/Groups`, groupBody())).body;
      const add = await scim(
        app,
        quiet,
        'PATCH',
        `${quiet.base}/Groups/${group.id}`,
        patchOf({ op: 'add', path: 'members', value: [{ value: user.id }] }),
      );
      expect(add.status).toBe(204);
      const back = await app.admin('PATCH', `/servers/${quiet.id}`, { scim: { patchStatus: 200 } });
      expect(back.body.scim).toEqual({
        patchStatus: 200,
        strict: false,
        unknownMembers: 'reject',
        memberDisplay: 'resource',
      });
      expect(
        (
          await scim(
            app,
            quiet,
            'PATCH',
            `${quiet.base}/Users/${user.id}`,
            patchOf({ op: 'replace', path: 'active', value: true }),
          )
        ).status,
      ).toBe(200);
    });

    it('PATCH that changes nothing keeps the version', async () => {
      const user = await createUser({ title: 'Same' });
      const res = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Users/${user.id}`,
        patchOf({ op: 'replace', path: 'title', value: 'Same' }),
      );
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('W/"1"');
    });

    it('refuses read-only targets and malformed PATCH bodies', async () => {
      const user = await createUser();
      const readOnly = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Users/${user.id}`,
        patchOf({ op: 'replace', path: 'id', value: 'x' }),
      );
      expect(readOnly.status).toBe(400);
      expect(readOnly.body.scimType).toBe('mutability');
      const noSchema = await scim(app, server, 'PATCH', `${server.base}/Users/${user.id}`, {
        Operations: [{ op: 'add', path: 'title', value: 'x' }],
      });
      expect(noSchema.status).toBe(400);
      expect(noSchema.body.scimType).toBe('invalidSyntax');
      const badPath = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Users/${user.id}`,
        patchOf({ op: 'add', path: 'emails[type eq', value: 'x' }),
      );
      expect(badPath.status).toBe(400);
      expect(badPath.body.scimType).toBe('invalidPath');
      const badValue = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Users/${user.id}`,
        patchOf({ op: 'replace', path: 'active', value: 'maybe' }),
      );
      expect(badValue.status).toBe(400);
      expect(badValue.body).toEqual(scimError(400, 'Attribute "active" must be a boolean', 'invalidValue'));
    });

    it('If-Match: matching version writes, stale version gets 412 and changes nothing', async () => {
      const user = await createUser();
      const stale = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Users/${user.id}`,
        patchOf({ op: 'add', path: 'title', value: 'x' }),
        { 'if-match': 'W/"7"' },
      );
      expect(stale.status).toBe(412);
      expect(stale.body).toEqual(
        scimError(412, `Precondition failed: resource ${user.id} is now at version W/"1"; read it again and retry`),
      );
      const ok = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Users/${user.id}`,
        patchOf({ op: 'add', path: 'title', value: 'x' }),
        { 'if-match': 'W/"1"' },
      );
      expect(ok.status).toBe(200);
      const put = await scim(app, server, 'PUT', `${server.base}/Users/${user.id}`, userBody(user.userName), {
        'if-match': 'W/"1"',
      });
      expect(put.status).toBe(412);
      const del = await scim(app, server, 'DELETE', `${server.base}/Users/${user.id}`, undefined, {
        'if-match': 'W/"1"',
      });
      expect(del.status).toBe(412);
      expect(
        (await scim(app, server, 'DELETE', `${server.base}/Users/${user.id}`, undefined, { 'if-match': 'W/"2"' }))
          .status,
      ).toBe(204);
    });

    it('If-None-Match with the current version answers 304 without a body', async () => {
      const user = await createUser();
      const res = await scim(app, server, 'GET', `${server.base}/Users/${user.id}`, undefined, {
        'if-none-match': 'W/"1"',
      });
      expect(res.status).toBe(304);
      expect(res.headers.etag).toBe('W/"1"');
      expect(res.text).toBe('');
      expect(
        (await scim(app, server, 'GET', `${server.base}/Users/${user.id}`, undefined, { 'if-none-match': 'W/"0"' }))
          .status,
      ).toBe(200);
    });

    it('concurrent If-Match updates: exactly one wins', async () => {
      const user = await createUser();
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          scim(
            app,
            server,
            'PATCH',
            `${server.base}/Users/${user.id}`,
            patchOf({ op: 'replace', path: 'title', value: `t${i}` }),
            { 'if-match': 'W/"1"' },
          ),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412, 412, 412]);
      expect((await scim(app, server, 'GET', `${server.base}/Users/${user.id}`)).headers.etag).toBe('W/"2"');
    });

    it('concurrent updates without If-Match all apply (retried on the fresh row)', async () => {
      const user = await createUser();
      const results = await Promise.all(
        ['a', 'b', 'c'].map((nick) =>
          scim(
            app,
            server,
            'PATCH',
            `${server.base}/Users/${user.id}`,
            patchOf({ op: 'add', path: 'emails', value: [{ value: `${nick}@example.com` }] }),
          ),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      const final = await scim(app, server, 'GET', `${server.base}/Users/${user.id}`);
      expect(final.body.emails.map((e: { value: string }) => e.value).sort()).toEqual([
        'a@example.com',
        'b@example.com',
        'c@example.com',
      ]);
      expect(final.headers.etag).toBe('W/"4"');
    });

    it("PUT onto another user's userName is 409 and changes nothing", async () => {
      const a = await createUser();
      const b = await createUser();
      const res = await scim(app, server, 'PUT', `${server.base}/Users/${b.id}`, userBody(a.userName.toUpperCase()));
      expect(res.status).toBe(409);
      expect(res.body.scimType).toBe('uniqueness');
      expect((await scim(app, server, 'GET', `${server.base}/Users/${b.id}`)).body.userName).toBe(b.userName);
    });

    it('answers the enterprise manager as {value, $ref, displayName}', async () => {
      const boss = await createUser({ displayName: 'The Boss' });
      const user = await createUser({
        [ENTERPRISE]: { manager: { value: boss.id, displayName: 'ignored: read-only' } },
      });
      expect(user[ENTERPRISE].manager).toEqual({
        value: boss.id,
        $ref: `${server.scimUrl}/Users/${boss.id}`,
        displayName: 'The Boss',
      });
      const listed = await scim(
        app,
        server,
        'GET',
        `${server.base}/Users?filter=${encodeURIComponent(`${ENTERPRISE}:manager.value eq "${boss.id}"`)}`,
      );
      expect(listed.body.Resources.map((u: Record<string, { manager: unknown }>) => u[ENTERPRISE].manager)).toEqual([
        user[ENTERPRISE].manager,
      ]);
      const patched = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Users/${user.id}`,
        patchOf({ op: 'remove', path: `${ENTERPRISE}:manager` }),
      );
      expect(patched.body[ENTERPRISE]).toBeUndefined();
    });

    it("shows the user's groups, direct and indirect", async () => {
      const user = await createUser();
      const inner = (
        await scim(app, server, 'POST', `${server.base}/Groups`, groupBody('Inner', { members: [{ value: user.id }] }))
      ).body;
      const outer = (
        await scim(app, server, 'POST', `${server.base}/Groups`, groupBody('Outer', { members: [{ value: inner.id }] }))
      ).body;
      const res = await scim(app, server, 'GET', `${server.base}/Users/${user.id}`);
      expect(res.body.groups).toEqual([
        { value: inner.id, $ref: `${server.scimUrl}/Groups/${inner.id}`, display: 'Inner', type: 'direct' },
        { value: outer.id, $ref: `${server.scimUrl}/Groups/${outer.id}`, display: 'Outer', type: 'indirect' },
      ]);
      const filtered = await scim(
        app,
        server,
        'GET',
        `${server.base}/Users?filter=${encodeURIComponent(`groups.value eq "${inner.id}"`)}`,
      );
      expect(filtered.body.Resources.map((u: { id: string }) => u.id)).toEqual([user.id]);
    });
  });

  describe('Groups', () => {
    it('PATCH adds and removes members one by one, without listing them in the response', async () => {
      const [u1, u2, u3] = [await createUser(), await createUser(), await createUser()];
      const group = (
        await scim(app, server, 'POST', `${server.base}/Groups`, groupBody('Team', { members: [{ value: u1.id }] }))
      ).body;
      const add = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Groups/${group.id}`,
        patchOf({ op: 'add', path: 'members', value: [{ value: u2.id }, { value: u3.id }] }),
      );
      expect(add.status).toBe(200);
      expect(add.headers.etag).toBe('W/"2"');
      expect(add.body.members).toBeUndefined();
      expect(add.body.displayName).toBe('Team');

      const remove = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Groups/${group.id}`,
        patchOf({ op: 'remove', path: `members[value eq "${u1.id}"]` }),
      );
      expect(remove.status).toBe(200);
      const removeByValue = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Groups/${group.id}`,
        patchOf({ op: 'remove', path: 'members', value: [{ value: u2.id }] }),
      );
      expect(removeByValue.status).toBe(200);
      const get = await scim(app, server, 'GET', `${server.base}/Groups/${group.id}`);
      expect(get.body.members.map((m: { value: string }) => m.value)).toEqual([u3.id]);
      expect(get.headers.etag).toBe('W/"4"');

      const rename = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Groups/${group.id}?attributes=members`,
        patchOf({ op: 'replace', value: { displayName: 'Team 2' } }),
      );
      expect(rename.body.members.map((m: { value: string }) => m.value)).toEqual([u3.id]);
      const clear = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Groups/${group.id}`,
        patchOf({ op: 'remove', path: 'members' }),
      );
      expect(clear.status).toBe(200);
      expect((await scim(app, server, 'GET', `${server.base}/Groups/${group.id}`)).body).toMatchObject({
        displayName: 'Team 2',
        members: [],
      });
    });

    it('PATCH adding an unknown member changes nothing (400); a cycle is refused', async () => {
      const a = (await scim(app, server, 'POST', `${server.base}/Groups`, groupBody())).body;
      const b = (
        await scim(app, server, 'POST', `${server.base}/Groups`, groupBody(undefined, { members: [{ value: a.id }] }))
      ).body;
      const unknown = '00000000-0000-4000-8000-0000000000aa';
      const res = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Groups/${a.id}`,
        patchOf(
          { op: 'replace', path: 'displayName', value: 'Changed' },
          { op: 'add', path: 'members', value: [{ value: unknown }] },
        ),
      );
      expect(res.status).toBe(400);
      expect(res.body).toEqual(
        scimError(400, `Member ${unknown} is not a User or Group of this identity server`, 'invalidValue'),
      );
      expect((await scim(app, server, 'GET', `${server.base}/Groups/${a.id}`)).body.displayName).toBe(a.displayName);

      const cycle = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Groups/${a.id}`,
        patchOf({ op: 'add', path: 'members', value: [{ value: b.id }] }),
      );
      expect(cycle.status).toBe(400);
      expect(cycle.body).toEqual(
        scimError(
          400,
          `Adding group ${b.id} as a member would make a cycle: it already contains group ${a.id}`,
          'invalidValue',
        ),
      );
      const self = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Groups/${a.id}`,
        patchOf({ op: 'add', path: 'members', value: [{ value: a.id }] }),
      );
      expect(self.status).toBe(400);
    });

    it('streams a group of 2,500 members in batches, projected as asked', async () => {
      const own = await createServer(app);
      const group = (await scim(app, own, 'POST', `${own.base}/Groups`, groupBody('Big'))).body;
      await seedMembers(own.id, group.id, 'big', 2500);
      const res = await scim(app, own, 'GET', `${own.base}/Groups/${group.id}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/scim+json; charset=utf-8');
      expect(res.headers.etag).toBe('W/"1"');
      expect(res.body).toMatchObject({ id: group.id, displayName: 'Big', meta: group.meta });
      const values = res.body.members.map((m: { value: string }) => m.value);
      expect(values).toHaveLength(2500);
      expect(new Set(values).size).toBe(2500);
      expect([...values].sort()).toEqual(values);
      expect(res.body.members[0]).toEqual({
        value: values[0],
        $ref: `${own.scimUrl}/Users/${values[0]}`,
        display: expect.stringMatching(/^big\d+@example.com$/),
        type: 'User',
      });
      const onlyValues = await scim(app, own, 'GET', `${own.base}/Groups/${group.id}?attributes=members.value`);
      expect(onlyValues.body.members).toHaveLength(2500);
      expect(Object.keys(onlyValues.body.members[1234])).toEqual(['value']);
      expect(Object.keys(onlyValues.body)).toEqual(['schemas', 'id', 'members']);
      const empty = (await scim(app, own, 'POST', `${own.base}/Groups`, groupBody('Empty'))).body;
      expect((await scim(app, own, 'GET', `${own.base}/Groups/${empty.id}`)).body.members).toEqual([]);
    });

    it('lists groups with their members streamed in batches: GET /Groups, /Groups/.search, the root /.search, and PATCH/PUT answers asking for members', async () => {
      const own = await createServer(app);
      const big = (await scim(app, own, 'POST', `${own.base}/Groups`, groupBody('A big'))).body;
      const small = (await scim(app, own, 'POST', `${own.base}/Groups`, groupBody('B small'))).body;
      const empty = (await scim(app, own, 'POST', `${own.base}/Groups`, groupBody('C empty'))).body;
      await seedMembers(own.id, big.id, 'member', 1500);
      await scim(
        app,
        own,
        'PATCH',
        `${own.base}/Groups/${small.id}`,
        patchOf({ op: 'add', path: 'members', value: [{ value: big.id }] }),
      );
      const memberIds = (
        (await app.dataSource.query('SELECT id FROM scim_users WHERE server_id = $1 ORDER BY id', [own.id])) as {
          id: string;
        }[]
      ).map((r) => r.id);

      const listed = await scim(app, own, 'GET', `${own.base}/Groups?sortBy=displayName`);
      expect(listed.status).toBe(200);
      expect(listed.headers['content-type']).toBe('application/scim+json; charset=utf-8');
      expect(listed.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: 3,
        startIndex: 1,
        itemsPerPage: 3,
      });
      const [first, second, third] = listed.body.Resources;
      expect(first).toMatchObject({
        id: big.id,
        displayName: 'A big',
        meta: { resourceType: 'Group', version: 'W/"1"' },
      });
      expect(first.members.map((m: { value: string }) => m.value)).toEqual(memberIds);
      expect(first.members[0]).toEqual({
        value: memberIds[0],
        $ref: `${own.scimUrl}/Users/${memberIds[0]}`,
        display: expect.stringMatching(/^member\d+@example.com$/),
        type: 'User',
      });
      expect(second).toMatchObject({
        id: small.id,
        members: [{ value: big.id, $ref: `${own.scimUrl}/Groups/${big.id}`, display: 'A big', type: 'Group' }],
      });
      expect(third).toMatchObject({ id: empty.id, members: [] });

      const projected = await scim(app, own, 'POST', `${own.base}/Groups/.search`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        filter: 'displayName sw "A"',
        attributes: ['members.value'],
      });
      expect(projected.status).toBe(200);
      expect(projected.body.Resources).toHaveLength(1);
      expect(Object.keys(projected.body.Resources[0])).toEqual(['schemas', 'id', 'members']);
      expect(projected.body.Resources[0].members).toEqual(memberIds.map((value) => ({ value })));

      const root = await scim(app, own, 'POST', `${own.base}/.search`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        filter: 'displayName eq "A big"',
      });
      expect(root.status).toBe(200);
      expect(root.body.totalResults).toBe(1);
      expect(root.body.Resources[0].members).toHaveLength(1500);

      const withoutMembers = await scim(app, own, 'GET', `${own.base}/Groups?excludedAttributes=members`);
      expect(withoutMembers.body.Resources.map((g: Record<string, unknown>) => g.members)).toEqual([
        undefined,
        undefined,
        undefined,
      ]);

      const patched = await scim(
        app,
        own,
        'PATCH',
        `${own.base}/Groups/${big.id}?attributes=members.value,displayName`,
        patchOf({ op: 'replace', path: 'displayName', value: 'A bigger' }),
      );
      expect(patched.status).toBe(200);
      expect(patched.headers.etag).toBe('W/"2"');
      expect(patched.body).toEqual({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        id: big.id,
        displayName: 'A bigger',
        members: memberIds.map((value) => ({ value })),
      });
      const replaced = await scim(
        app,
        own,
        'PUT',
        `${own.base}/Groups/${small.id}`,
        groupBody('B small', { members: [{ value: memberIds[7] }] }),
      );
      expect(replaced.status).toBe(200);
      expect(replaced.body.members).toEqual([
        {
          value: memberIds[7],
          $ref: `${own.scimUrl}/Users/${memberIds[7]}`,
          display: expect.stringMatching(/^member\d+@example.com$/),
          type: 'User',
        },
      ]);
    });

    it('concurrent member PATCHes on one group all succeed (they take turns on the group row)', async () => {
      const users = await Promise.all(Array.from({ length: 12 }, () => createUser()));
      const group = (await scim(app, server, 'POST', `${server.base}/Groups`, groupBody('Busy'))).body;
      const adds = await Promise.all(
        users.map((u) =>
          scim(
            app,
            server,
            'PATCH',
            `${server.base}/Groups/${group.id}`,
            patchOf({ op: 'add', path: 'members', value: [{ value: u.id }] }),
          ),
        ),
      );
      expect(adds.map((r) => r.status)).toEqual(users.map(() => 200));
      const again = await Promise.all(
        users
          .slice(0, 6)
          .map((u) =>
            scim(
              app,
              server,
              'PATCH',
              `${server.base}/Groups/${group.id}`,
              patchOf({ op: 'add', path: 'members', value: [{ value: u.id }] }),
            ),
          ),
      );
      expect(again.map((r) => r.status)).toEqual(users.slice(0, 6).map(() => 200));
      const removes = await Promise.all(
        users
          .slice(0, 6)
          .map((u) =>
            scim(
              app,
              server,
              'PATCH',
              `${server.base}/Groups/${group.id}`,
              patchOf({ op: 'remove', path: `members[value eq "${u.id}"]` }),
            ),
          ),
      );
      expect(removes.map((r) => r.status)).toEqual(users.slice(0, 6).map(() => 200));
      const final = await scim(app, server, 'GET', `${server.base}/Groups/${group.id}`);
      expect(final.body.members.map((m: { value: string }) => m.value).sort()).toEqual(
        users
          .slice(6)
          .map((u) => u.id)
          .sort(),
      );
      expect(final.headers.etag).toBe('W/"19"');
    });

    it('PUT replaces the member list', async () => {
      const [u1, u2] = [await createUser(), await createUser()];
      const group = (
        await scim(app, server, 'POST', `${server.base}/Groups`, groupBody('Put', { members: [{ value: u1.id }] }))
      ).body;
      const res = await scim(
        app,
        server,
        'PUT',
        `${server.base}/Groups/${group.id}`,
        groupBody('Put renamed', { members: [{ value: u2.id }] }),
      );
      expect(res.status).toBe(200);
      expect(res.body.members.map((m: { value: string }) => m.value)).toEqual([u2.id]);
      expect(res.body.displayName).toBe('Put renamed');
      expect(res.headers.etag).toBe('W/"2"');
    });

    it('filters groups by displayName and by member, and excludes members', async () => {
      const user = await createUser();
      const group = (
        await scim(
          app,
          server,
          'POST',
          `${server.base}/Groups`,
          groupBody('Findable', { members: [{ value: user.id }] }),
        )
      ).body;
      const byName = await scim(
        app,
        server,
        'GET',
        `${server.base}/Groups?filter=${encodeURIComponent('displayName eq "FINDABLE"')}&excludedAttributes=members`,
      );
      expect(byName.body.Resources).toEqual([
        {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          id: group.id,
          displayName: 'Findable',
          meta: group.meta,
        },
      ]);
      const byMember = await scim(
        app,
        server,
        'GET',
        `${server.base}/Groups?filter=${encodeURIComponent(`members.value eq "${user.id}"`)}`,
      );
      expect(byMember.body.Resources.map((g: { id: string }) => g.id)).toEqual([group.id]);
      const byValuePath = await scim(
        app,
        server,
        'GET',
        `${server.base}/Groups?filter=${encodeURIComponent(`members[type eq "User" and value eq "${user.id}"]`)}`,
      );
      expect(byValuePath.body.Resources.map((g: { id: string }) => g.id)).toEqual([group.id]);
      const byDisplay = await scim(
        app,
        server,
        'GET',
        `${server.base}/Groups?filter=${encodeURIComponent(`members.display eq "${user.userName}"`)}`,
      );
      expect(byDisplay.body.Resources.map((g: { id: string }) => g.id)).toEqual([group.id]);
      const usersInGroup = await scim(
        app,
        server,
        'GET',
        `${server.base}/Users?filter=${encodeURIComponent(`groups[value eq "${group.id}"]`)}`,
      );
      expect(usersInGroup.body.Resources.map((u: { id: string }) => u.id)).toEqual([user.id]);
      // Not nested: answered by the plain (non-recursive) query.
      expect(usersInGroup.body.Resources[0].groups).toEqual([
        { value: group.id, $ref: `${server.scimUrl}/Groups/${group.id}`, display: 'Findable', type: 'direct' },
      ]);
    });
  });
});
