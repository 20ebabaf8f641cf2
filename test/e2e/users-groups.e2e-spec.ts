import { createServer, CreatedServer, groupBody, scim, SCIM_JSON, scimError, userBody } from '../support/factories';
import { TestApp } from '../support/test-app';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

describe('Users and Groups through the whole stack', () => {
  let app: TestApp;
  let server: CreatedServer;

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
  });
  afterAll(() => app.close());

  describe('Users', () => {
    it('creates a user: 201, Location, ETag and the stored resource; the password is never returned', async () => {
      const body = userBody('Jane.Doe@example.com', {
        externalId: 'ext-1',
        displayName: 'Jane Doe',
        password: 'Sup3r-secret!',
        name: { givenName: 'Jane', familyName: 'Doe' },
        emails: [{ type: 'work', value: 'jane@example.com', primary: true }],
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Sales' },
      });
      const res = await scim(app, server, 'POST', `${server.base}/Users`, body);
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toBe(SCIM_JSON);
      const id = res.body.id;
      expect(res.headers.location).toBe(`${server.scimUrl}/Users/${id}`);
      expect(res.headers.etag).toBe('W/"1"');
      expect(res.body).toEqual({
        schemas: [
          'urn:ietf:params:scim:schemas:core:2.0:User',
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
        ],
        id,
        externalId: 'ext-1',
        userName: 'Jane.Doe@example.com',
        displayName: 'Jane Doe',
        active: true,
        name: { givenName: 'Jane', familyName: 'Doe' },
        emails: [{ type: 'work', value: 'jane@example.com', primary: true }],
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Sales' },
        meta: {
          resourceType: 'User',
          created: expect.stringMatching(ISO),
          lastModified: expect.stringMatching(ISO),
          location: `${server.scimUrl}/Users/${id}`,
          version: 'W/"1"',
        },
      });
      expect(res.text).not.toContain('Sup3r-secret!');
      const stored = await app.dataSource.query('SELECT password_hash, data FROM scim_users WHERE id = $1', [id]);
      expect(stored[0].password_hash).toMatch(/^scrypt\$/);
      expect(JSON.stringify(stored)).not.toContain('Sup3r-secret!');

      const get = await scim(app, server, 'GET', `${server.base}/Users/${id}`);
      expect(get.status).toBe(200);
      expect(get.headers.etag).toBe('W/"1"');
      expect(get.body).toEqual(res.body);
    });

    it('refuses a duplicate userName case-insensitively with 409 uniqueness; another server may reuse it', async () => {
      expect((await scim(app, server, 'POST', `${server.base}/Users`, userBody('dup@example.com'))).status).toBe(201);
      const dup = await scim(app, server, 'POST', `${server.base}/Users`, userBody('DUP@example.com'));
      expect(dup.status).toBe(409);
      expect(dup.body).toEqual(
        scimError(409, 'A user with this userName already exists in this identity server', 'uniqueness'),
      );
      const other = await createServer(app);
      expect((await scim(app, other, 'POST', `${other.base}/Users`, userBody('dup@example.com'))).status).toBe(201);
    });

    it('gives exactly one 201 for concurrent creates of the same userName', async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          scim(app, server, 'POST', `${server.base}/Users`, userBody('race@example.com')),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    });

    it.each([
      [
        { userName: 'x' },
        400,
        'invalidSyntax',
        '"schemas" must be an array of strings that contains "urn:ietf:params:scim:schemas:core:2.0:User"',
      ],
      [
        { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] },
        400,
        'invalidValue',
        'Attribute "userName" is required',
      ],
      [
        { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: '  ' },
        400,
        'invalidValue',
        'Attribute "userName" is required',
      ],
      [
        { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'a', active: 'yes' },
        400,
        'invalidValue',
        'Attribute "active" must be a boolean',
      ],
      [
        { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'a', externalId: 5 },
        400,
        'invalidValue',
        'Attribute "externalId" must be a string',
      ],
      [[1, 2], 400, 'invalidSyntax', 'The request body must be a JSON object'],
    ])('refuses %j with a SCIM error and stores nothing', async (body, status, scimType, detail) => {
      const before = await scim(app, server, 'GET', `${server.base}/Users?count=0`);
      const res = await scim(app, server, 'POST', `${server.base}/Users`, body);
      expect(res.status).toBe(status);
      expect(res.body).toEqual(scimError(status, detail, scimType));
      const after = await scim(app, server, 'GET', `${server.base}/Users?count=0`);
      expect(after.body.totalResults).toBe(before.body.totalResults);
    });

    it('lists users with exact totals and startIndex/count paging', async () => {
      const own = await createServer(app);
      const names = ['a@x.io', 'b@x.io', 'c@x.io'];
      for (const n of names) await scim(app, own, 'POST', `${own.base}/Users`, userBody(n));
      const page = await scim(app, own, 'GET', `${own.base}/Users?startIndex=2&count=1`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ schemas: [LIST], totalResults: 3, startIndex: 2, itemsPerPage: 1 });
      expect(page.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['b@x.io']);
      const all = await scim(app, own, 'GET', `${own.base}/Users`);
      expect(all.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(names);
      const countOnly = await scim(app, own, 'GET', `${own.base}/Users?count=0`);
      expect(countOnly.body).toEqual({
        schemas: [LIST],
        totalResults: 3,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [],
      });
      const low = await scim(app, own, 'GET', `${own.base}/Users?startIndex=0&count=1`);
      expect(low.body.startIndex).toBe(1);
      const bad = await scim(app, own, 'GET', `${own.base}/Users?count=ten`);
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual(scimError(400, 'Query parameter count must be an integer', 'invalidValue'));
    });

    it('deletes a user: 204, then 404; unknown and malformed ids are 404', async () => {
      const created = await scim(app, server, 'POST', `${server.base}/Users`, userBody());
      const res = await scim(app, server, 'DELETE', `${server.base}/Users/${created.body.id}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      const gone = await scim(app, server, 'GET', `${server.base}/Users/${created.body.id}`);
      expect(gone.status).toBe(404);
      expect(gone.body).toEqual(scimError(404, `User ${created.body.id} not found`));
      expect((await scim(app, server, 'DELETE', `${server.base}/Users/${created.body.id}`)).status).toBe(404);
      const malformed = await scim(app, server, 'GET', `${server.base}/Users/not-an-id`);
      expect(malformed.status).toBe(404);
      expect(malformed.body).toEqual(scimError(404, 'Resource not-an-id not found'));
    });

    it('keeps servers apart: a user of A is not visible through B', async () => {
      const a = await createServer(app);
      const b = await createServer(app);
      const user = await scim(app, a, 'POST', `${a.base}/Users`, userBody());
      expect((await scim(app, b, 'GET', `${b.base}/Users/${user.body.id}`)).status).toBe(404);
      expect((await scim(app, b, 'DELETE', `${b.base}/Users/${user.body.id}`)).status).toBe(404);
      expect((await scim(app, b, 'GET', `${b.base}/Users`)).body.totalResults).toBe(0);
      expect((await scim(app, a, 'GET', `${a.base}/Users/${user.body.id}`)).status).toBe(200);
    });
  });

  describe('Groups', () => {
    it('creates a group with user and group members and returns them with display and $ref', async () => {
      const own = await createServer(app);
      const user = (
        await scim(app, own, 'POST', `${own.base}/Users`, userBody('member@example.com', { displayName: 'Member One' }))
      ).body;
      const inner = (await scim(app, own, 'POST', `${own.base}/Groups`, groupBody('Inner'))).body;
      const res = await scim(
        app,
        own,
        'POST',
        `${own.base}/Groups`,
        groupBody('Sales', {
          externalId: 'g-1',
          members: [{ value: user.id }, { value: inner.id.toUpperCase() }, { value: user.id }],
        }),
      );
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`${own.scimUrl}/Groups/${res.body.id}`);
      expect(res.headers.etag).toBe('W/"1"');
      expect(res.body).toEqual({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        id: res.body.id,
        externalId: 'g-1',
        displayName: 'Sales',
        members: expect.arrayContaining([
          { value: user.id, $ref: `${own.scimUrl}/Users/${user.id}`, display: 'Member One', type: 'User' },
          { value: inner.id, $ref: `${own.scimUrl}/Groups/${inner.id}`, display: 'Inner', type: 'Group' },
        ]),
        meta: {
          resourceType: 'Group',
          created: expect.stringMatching(ISO),
          lastModified: expect.stringMatching(ISO),
          location: `${own.scimUrl}/Groups/${res.body.id}`,
          version: 'W/"1"',
        },
      });
      expect(res.body.members).toHaveLength(2);
      const list = await scim(app, own, 'GET', `${own.base}/Groups`);
      expect(list.body.totalResults).toBe(2);
      expect(list.body.Resources.find((g: { id: string }) => g.id === res.body.id)).toEqual(res.body);
    });

    it('refuses members that are not resources of this server, and duplicate displayNames', async () => {
      const a = await createServer(app);
      const b = await createServer(app);
      const foreign = (await scim(app, b, 'POST', `${b.base}/Users`, userBody())).body;
      const res = await scim(app, a, 'POST', `${a.base}/Groups`, groupBody('G', { members: [{ value: foreign.id }] }));
      expect(res.status).toBe(400);
      expect(res.body).toEqual(
        scimError(400, `Member ${foreign.id} is not a User or Group of this identity server`, 'invalidValue'),
      );
      expect((await scim(app, a, 'GET', `${a.base}/Groups`)).body.totalResults).toBe(0);

      const bad = await scim(app, a, 'POST', `${a.base}/Groups`, groupBody('G', { members: [{ value: 'x' }] }));
      expect(bad.body).toEqual(
        scimError(400, 'members[0].value must be the id of a User or Group of this identity server', 'invalidValue'),
      );

      expect((await scim(app, a, 'POST', `${a.base}/Groups`, groupBody('Admins'))).status).toBe(201);
      const dup = await scim(app, a, 'POST', `${a.base}/Groups`, groupBody('ADMINS'));
      expect(dup.status).toBe(409);
      expect(dup.body).toEqual(
        scimError(409, 'A group with this displayName already exists in this identity server', 'uniqueness'),
      );
    });

    it('deleting a user removes its memberships; deleting a group removes it from its parents', async () => {
      const own = await createServer(app);
      const user = (await scim(app, own, 'POST', `${own.base}/Users`, userBody())).body;
      const child = (
        await scim(app, own, 'POST', `${own.base}/Groups`, groupBody('Child', { members: [{ value: user.id }] }))
      ).body;
      const parent = (
        await scim(
          app,
          own,
          'POST',
          `${own.base}/Groups`,
          groupBody('Parent', { members: [{ value: user.id }, { value: child.id }] }),
        )
      ).body;
      expect(parent.members).toHaveLength(2);

      expect((await scim(app, own, 'DELETE', `${own.base}/Users/${user.id}`)).status).toBe(204);
      expect((await scim(app, own, 'GET', `${own.base}/Groups/${child.id}`)).body.members).toEqual([]);
      expect(
        (await scim(app, own, 'GET', `${own.base}/Groups/${parent.id}`)).body.members.map(
          (m: { value: string }) => m.value,
        ),
      ).toEqual([child.id]);

      expect((await scim(app, own, 'DELETE', `${own.base}/Groups/${child.id}`)).status).toBe(204);
      expect((await scim(app, own, 'GET', `${own.base}/Groups/${parent.id}`)).body.members).toEqual([]);
      expect((await scim(app, own, 'GET', `${own.base}/Groups/${child.id}`)).status).toBe(404);
      const rows = await app.dataSource.query(
        'SELECT count(*)::int AS n FROM scim_group_members WHERE server_id = $1',
        [own.id],
      );
      expect(rows).toEqual([{ n: 0 }]);
    });
  });
});
