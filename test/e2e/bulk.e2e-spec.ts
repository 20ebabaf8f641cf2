import {
  createServer,
  CreatedServer,
  groupBody,
  scim,
  SCIM_JSON,
  scimError,
  uniqueName,
  userBody,
} from '../support/factories';
import { TestApp } from '../support/test-app';

const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CIRCULAR_ADVICE = 'create these resources first, then add the references with PATCH';

const bulkOf = (Operations: unknown[], extra: Record<string, unknown> = {}) => ({
  schemas: [BULK_REQUEST],
  ...extra,
  Operations,
});
const patchOf = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });
/** The SCIM Error body as it appears in a bulk operation's `response`. */
const errorOf = (status: number, detail: string, scimType?: string) => scimError(status, detail, scimType);
const idIn = (location: string) => location.split('/').pop() as string;

/**
 * RFC 7644 §3.7 Bulk. The app runs with BODY_LIMIT 2 MiB so that the bulk maxPayloadSize (1 MiB) can be
 * reached before the global limit.
 */
describe('Bulk (RFC 7644 §3.7)', () => {
  let app: TestApp;
  let server: CreatedServer;

  beforeAll(async () => {
    app = await TestApp.start({ BODY_LIMIT: '2097152' });
    server = await createServer(app);
  });
  afterAll(() => app.close());

  const bulk = (body: unknown, target: CreatedServer = server, path = `${target.base}/Bulk`) =>
    scim(app, target, 'POST', path, body);
  const get = (path: string) => scim(app, server, 'GET', `${server.base}${path}`);
  const createUser = async (extra: Record<string, unknown> = {}) =>
    (await scim(app, server, 'POST', `${server.base}/Users`, userBody(undefined, extra))).body;
  const usersNamed = async (userName: string) =>
    (await get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)).body.totalResults;
  const groupsNamed = async (displayName: string) =>
    (await get(`/Groups?filter=${encodeURIComponent(`displayName eq "${displayName}"`)}`)).body.totalResults;

  describe('bulkId references', () => {
    it('creates a user and a group that has it as member (the RFC 7644 §3.7.2 example)', async () => {
      const userName = `${uniqueName('alice')}@example.com`;
      const displayName = uniqueName('Tour Guides');
      const res = await bulk(
        bulkOf([
          { method: 'POST', path: '/Users', bulkId: 'qwerty', data: userBody(userName) },
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'ytrewq',
            data: groupBody(displayName, { members: [{ type: 'User', value: 'bulkId:qwerty' }] }),
          },
        ]),
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(SCIM_JSON);
      const [userId, groupId] = res.body.Operations.map((o: { location: string }) => idIn(o.location));
      expect(res.body).toEqual({
        schemas: [BULK_RESPONSE],
        Operations: [
          {
            method: 'POST',
            bulkId: 'qwerty',
            location: `${server.scimUrl}/Users/${userId}`,
            version: 'W/"1"',
            status: '201',
          },
          {
            method: 'POST',
            bulkId: 'ytrewq',
            location: `${server.scimUrl}/Groups/${groupId}`,
            version: 'W/"1"',
            status: '201',
          },
        ],
      });
      const group = await get(`/Groups/${groupId}`);
      expect(group.body).toMatchObject({ id: groupId, displayName, members: [{ value: userId, type: 'User' }] });
      expect((await get(`/Users/${userId}`)).body).toMatchObject({
        userName,
        groups: [{ value: groupId, display: displayName, type: 'direct' }],
      });
    });

    it('creates them when the group comes first, answering in request order', async () => {
      const displayName = uniqueName('group');
      const res = await bulk(
        bulkOf([
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g',
            data: groupBody(displayName, { members: [{ value: 'bulkId:u1' }, { value: 'bulkId:u2' }] }),
          },
          { method: 'POST', path: '/Users', bulkId: 'u1', data: userBody() },
          { method: 'POST', path: '/Users', bulkId: 'u2', data: userBody() },
        ]),
      );
      expect(res.status).toBe(200);
      expect(res.body.Operations.map((o: { bulkId: string; status: string }) => [o.bulkId, o.status])).toEqual([
        ['g', '201'],
        ['u1', '201'],
        ['u2', '201'],
      ]);
      const [groupId, u1, u2] = res.body.Operations.map((o: { location: string }) => idIn(o.location));
      const members = (await get(`/Groups/${groupId}`)).body.members.map((m: { value: string }) => m.value);
      expect(members.sort()).toEqual([u1, u2].sort());
    });

    it('resolves a reference in an extension (manager) and in a path, before the target exists in request order', async () => {
      const res = await bulk(
        bulkOf([
          {
            method: 'PATCH',
            path: '/Groups/bulkId:team',
            data: patchOf({ op: 'add', path: 'members', value: [{ value: 'bulkId:boss' }] }),
          },
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'report',
            data: userBody(undefined, { [ENTERPRISE]: { manager: { value: 'bulkId:boss' } } }),
          },
          { method: 'POST', path: '/Users', bulkId: 'boss', data: userBody() },
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'team',
            data: groupBody(undefined, { members: [{ value: 'bulkId:report' }] }),
          },
        ]),
      );
      expect(res.status).toBe(200);
      const [, reportId, bossId, teamId] = res.body.Operations.map((o: { location: string }) => idIn(o.location));
      expect(res.body.Operations).toEqual([
        { method: 'PATCH', location: `${server.scimUrl}/Groups/${teamId}`, version: 'W/"2"', status: '200' },
        {
          method: 'POST',
          bulkId: 'report',
          location: `${server.scimUrl}/Users/${reportId}`,
          version: 'W/"1"',
          status: '201',
        },
        {
          method: 'POST',
          bulkId: 'boss',
          location: `${server.scimUrl}/Users/${bossId}`,
          version: 'W/"1"',
          status: '201',
        },
        {
          method: 'POST',
          bulkId: 'team',
          location: `${server.scimUrl}/Groups/${teamId}`,
          version: 'W/"1"',
          status: '201',
        },
      ]);
      expect((await get(`/Users/${reportId}`)).body[ENTERPRISE].manager).toMatchObject({ value: bossId });
      const members = (await get(`/Groups/${teamId}`)).body.members.map((m: { value: string }) => m.value);
      expect(members.sort()).toEqual([reportId, bossId].sort());
    });

    it('fails a reference to an undefined bulkId or to a failed POST with 409; the rest proceeds', async () => {
      const displayName = uniqueName('group');
      const res = await bulk(
        bulkOf([
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g1',
            data: groupBody(undefined, { members: [{ value: 'bulkId:nobody' }] }),
          },
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'bad',
            data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] },
          },
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g2',
            data: groupBody(undefined, { members: [{ value: 'bulkId:bad' }] }),
          },
          { method: 'DELETE', path: '/Users/bulkId:bad' },
          { method: 'POST', path: '/Groups', bulkId: 'g3', data: groupBody(displayName) },
        ]),
      );
      expect(res.status).toBe(200);
      const g3 = idIn(res.body.Operations[4].location);
      expect(res.body.Operations).toEqual([
        {
          method: 'POST',
          bulkId: 'g1',
          status: '409',
          response: errorOf(409, 'bulkId "nobody" is not defined by any POST operation of this bulk request'),
        },
        {
          method: 'POST',
          bulkId: 'bad',
          status: '400',
          response: errorOf(400, 'Attribute "userName" is required', 'invalidValue'),
        },
        {
          method: 'POST',
          bulkId: 'g2',
          status: '409',
          response: errorOf(409, 'bulkId "bad" cannot be resolved: the operation that creates it failed'),
        },
        {
          method: 'DELETE',
          status: '409',
          response: errorOf(409, 'bulkId "bad" cannot be resolved: the operation that creates it failed'),
        },
        { method: 'POST', bulkId: 'g3', location: `${server.scimUrl}/Groups/${g3}`, version: 'W/"1"', status: '201' },
      ]);
      expect(await groupsNamed(displayName)).toBe(1);
    });

    it('fails circular references with 409 and creates none of them', async () => {
      const [a, b] = [uniqueName('circle-a'), uniqueName('circle-b')];
      const res = await bulk(
        bulkOf([
          { method: 'POST', path: '/Groups', bulkId: 'a', data: groupBody(a, { members: [{ value: 'bulkId:b' }] }) },
          { method: 'POST', path: '/Groups', bulkId: 'b', data: groupBody(b, { members: [{ value: 'bulkId:a' }] }) },
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'me',
            data: userBody(undefined, { [ENTERPRISE]: { manager: { value: 'bulkId:me' } } }),
          },
          {
            method: 'PATCH',
            path: '/Groups/bulkId:a',
            data: patchOf({ op: 'replace', path: 'displayName', value: 'x' }),
          },
        ]),
      );
      expect(res.status).toBe(200);
      expect(res.body.Operations).toEqual([
        {
          method: 'POST',
          bulkId: 'a',
          status: '409',
          response: errorOf(409, `Circular bulkId reference "a" → "b" → "a": ${CIRCULAR_ADVICE}`),
        },
        {
          method: 'POST',
          bulkId: 'b',
          status: '409',
          response: errorOf(409, `Circular bulkId reference "b" → "a" → "b": ${CIRCULAR_ADVICE}`),
        },
        {
          method: 'POST',
          bulkId: 'me',
          status: '409',
          response: errorOf(409, `Circular bulkId reference "me" → "me": ${CIRCULAR_ADVICE}`),
        },
        {
          method: 'PATCH',
          status: '409',
          response: errorOf(409, 'bulkId "a" cannot be resolved: the operation that creates it failed'),
        },
      ]);
      expect([await groupsNamed(a), await groupsNamed(b)]).toEqual([0, 0]);
    });
  });

  describe('PUT, PATCH, DELETE with version', () => {
    it("honours each operation's version as If-Match: 412 inside the bulk response", async () => {
      const user = await createUser({ title: 'Before' });
      const group = (await scim(app, server, 'POST', `${server.base}/Groups`, groupBody())).body;
      const location = `${server.scimUrl}/Users/${user.id}`;
      const res = await bulk(
        bulkOf([
          {
            method: 'PATCH',
            path: `/Users/${user.id}`,
            version: 'W/"1"',
            data: patchOf({ op: 'replace', path: 'title', value: 'After' }),
          },
          {
            method: 'PUT',
            path: `/Users/${user.id}`,
            version: 'W/"1"',
            data: userBody(user.userName, { title: 'Stale' }),
          },
          {
            method: 'PUT',
            path: `/Users/${user.id}`,
            version: 'W/"2"',
            data: userBody(user.userName, { title: 'Fresh' }),
          },
          {
            method: 'PATCH',
            path: `/Groups/${group.id}`,
            data: patchOf({ op: 'add', path: 'members', value: [{ value: user.id }] }),
          },
          { method: 'DELETE', path: `/Groups/${group.id}`, version: 'W/"1"' },
          { method: 'DELETE', path: `/Groups/${group.id}`, version: 'W/"2"' },
          { method: 'DELETE', path: `/Groups/${group.id}` },
        ]),
      );
      expect(res.status).toBe(200);
      const groupLocation = `${server.scimUrl}/Groups/${group.id}`;
      expect(res.body.Operations).toEqual([
        { method: 'PATCH', location, version: 'W/"2"', status: '200' },
        {
          method: 'PUT',
          location,
          status: '412',
          response: errorOf(
            412,
            `Precondition failed: resource ${user.id} is now at version W/"2"; read it again and retry`,
          ),
        },
        { method: 'PUT', location, version: 'W/"3"', status: '200' },
        { method: 'PATCH', location: groupLocation, version: 'W/"2"', status: '200' },
        {
          method: 'DELETE',
          location: groupLocation,
          status: '412',
          response: errorOf(
            412,
            `Precondition failed: resource ${group.id} is now at version W/"2"; read it again and retry`,
          ),
        },
        { method: 'DELETE', location: groupLocation, status: '204' },
        {
          method: 'DELETE',
          location: groupLocation,
          status: '404',
          response: errorOf(404, `Group ${group.id} not found`),
        },
      ]);
      const after = await get(`/Users/${user.id}`);
      expect(after.body.title).toBe('Fresh');
      expect(after.headers.etag).toBe('W/"3"');
    });

    it("answers 404 for an id that is no UUID, and for another server's resource", async () => {
      const other = await createServer(app);
      const foreign = (await scim(app, other, 'POST', `${other.base}/Users`, userBody())).body;
      const res = await bulk(
        bulkOf([
          { method: 'DELETE', path: '/Users/not-a-uuid' },
          {
            method: 'PATCH',
            path: `/Users/${foreign.id}`,
            data: patchOf({ op: 'replace', path: 'active', value: false }),
          },
        ]),
      );
      expect(res.body.Operations).toEqual([
        { method: 'DELETE', status: '404', response: errorOf(404, 'Resource not-a-uuid not found') },
        {
          method: 'PATCH',
          location: `${server.scimUrl}/Users/${foreign.id}`,
          status: '404',
          response: errorOf(404, `User ${foreign.id} not found`),
        },
      ]);
      expect((await scim(app, other, 'GET', `${other.base}/Users/${foreign.id}`)).body.active).toBe(true);
    });
  });

  describe('errors', () => {
    it('reports an invalid operation among valid ones and runs the others', async () => {
      const existing = await createUser();
      const fresh = `${uniqueName('fresh')}@example.com`;
      const res = await bulk(
        bulkOf([
          { method: 'POST', path: '/Users', bulkId: 'dup', data: userBody(existing.userName.toUpperCase()) },
          {
            method: 'PATCH',
            path: `/Users/${existing.id}`,
            data: patchOf({ op: 'replace', path: 'active', value: 'maybe' }),
          },
          { method: 'POST', path: '/Users', bulkId: 'ok', data: userBody(fresh) },
        ]),
      );
      expect(res.status).toBe(200);
      expect(res.body.Operations).toEqual([
        {
          method: 'POST',
          bulkId: 'dup',
          status: '409',
          response: errorOf(409, 'A user with this userName already exists in this identity server', 'uniqueness'),
        },
        {
          method: 'PATCH',
          location: `${server.scimUrl}/Users/${existing.id}`,
          status: '400',
          response: errorOf(400, 'Attribute "active" must be a boolean', 'invalidValue'),
        },
        {
          method: 'POST',
          bulkId: 'ok',
          location: expect.stringMatching(`^${server.scimUrl}/Users/`),
          version: 'W/"1"',
          status: '201',
        },
      ]);
      expect(await usersNamed(fresh)).toBe(1);
    });

    it('failOnErrors=1 stops at the first error and leaves the rest out', async () => {
      const existing = await createUser();
      const [first, never] = [`${uniqueName('first')}@example.com`, `${uniqueName('never')}@example.com`];
      const res = await bulk(
        bulkOf(
          [
            { method: 'POST', path: '/Users', bulkId: 'first', data: userBody(first) },
            { method: 'POST', path: '/Users', bulkId: 'dup', data: userBody(existing.userName) },
            { method: 'POST', path: '/Users', bulkId: 'never', data: userBody(never) },
          ],
          { failOnErrors: 1 },
        ),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        schemas: [BULK_RESPONSE],
        Operations: [
          {
            method: 'POST',
            bulkId: 'first',
            location: expect.stringMatching(`^${server.scimUrl}/Users/`),
            version: 'W/"1"',
            status: '201',
          },
          {
            method: 'POST',
            bulkId: 'dup',
            status: '409',
            response: errorOf(409, 'A user with this userName already exists in this identity server', 'uniqueness'),
          },
        ],
      });
      expect([await usersNamed(first), await usersNamed(never)]).toEqual([1, 0]);
    });

    it('failOnErrors=2 goes on after the first error', async () => {
      const res = await bulk(
        bulkOf(
          [
            { method: 'DELETE', path: '/Users/00000000-0000-4000-8000-000000000001' },
            { method: 'POST', path: '/Users', bulkId: 'ok', data: userBody() },
            { method: 'DELETE', path: '/Users/00000000-0000-4000-8000-000000000002' },
            { method: 'POST', path: '/Users', bulkId: 'skipped', data: userBody() },
          ],
          { failOnErrors: 2 },
        ),
      );
      expect(res.body.Operations.map((o: { status: string }) => o.status)).toEqual(['404', '201', '404']);
    });

    it.each([
      ['no schemas', { Operations: [] }, `"schemas" must contain "${BULK_REQUEST}"`],
      ['no Operations', { schemas: [BULK_REQUEST] }, '"Operations" must be an array of operations'],
      ['a bad failOnErrors', bulkOf([], { failOnErrors: -1 }), '"failOnErrors" must be a positive integer'],
      [
        'GET',
        bulkOf([{ method: 'GET', path: '/Users' }]),
        'Operations[0].method must be one of POST, PUT, PATCH, DELETE',
      ],
      [
        'a POST without bulkId',
        bulkOf([{ method: 'POST', path: '/Users', data: userBody() }]),
        'Operations[0].bulkId is required with POST',
      ],
      [
        'an unknown endpoint',
        bulkOf([{ method: 'DELETE', path: '/Devices/1' }]),
        'Operations[0].path must be /Users/<id> or /Groups/<id> with DELETE',
      ],
      [
        'a malformed version',
        bulkOf([{ method: 'DELETE', path: '/Users/x', version: '1' }]),
        'Operations[0].version: Malformed entity tag "1": send W/"<version>" as found in meta.version',
      ],
    ])('refuses %s with 400 invalidSyntax', async (_label, body, detail) => {
      const res = await bulk(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe(SCIM_JSON);
      expect(res.body).toEqual(scimError(400, detail, 'invalidSyntax'));
    });

    it('runs nothing of a request with one malformed operation', async () => {
      const userName = `${uniqueName('untouched')}@example.com`;
      const res = await bulk(
        bulkOf([
          { method: 'POST', path: '/Users', bulkId: 'u', data: userBody(userName) },
          { method: 'POST', path: '/Users', bulkId: 'u', data: userBody() },
        ]),
      );
      expect(res.status).toBe(400);
      expect(res.body).toEqual(
        scimError(400, 'Operations[1].bulkId "u" is already used by Operations[0]', 'invalidSyntax'),
      );
      expect(await usersNamed(userName)).toBe(0);
    });

    it('refuses malformed JSON with 400 invalidSyntax', async () => {
      const res = await app.request('POST', `${server.base}/Bulk`, {
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/scim+json' },
        payload: '{"schemas": [',
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    });
  });

  describe('limits (RFC 7644 §3.7.4)', () => {
    it('answers 413 beyond maxOperations and runs nothing', async () => {
      const userName = `${uniqueName('first')}@example.com`;
      const deletes = Array.from({ length: 1000 }, () => ({
        method: 'DELETE',
        path: '/Users/00000000-0000-4000-8000-000000000001',
      }));
      const res = await bulk(
        bulkOf([{ method: 'POST', path: '/Users', bulkId: 'u', data: userBody(userName) }, ...deletes]),
      );
      expect(res.status).toBe(413);
      expect(res.body).toEqual(scimError(413, 'The number of operations (1001) exceeds the maxOperations (1000)'));
      expect(await usersNamed(userName)).toBe(0);
    });

    it('answers 413 beyond maxPayloadSize (Content-Length), and the global BODY_LIMIT still applies first', async () => {
      const body = (size: number) =>
        bulkOf([
          { method: 'POST', path: '/Users', bulkId: 'big', data: userBody(undefined, { nickName: 'x'.repeat(size) }) },
        ]);
      const overBulk = JSON.stringify(body(1_100_000));
      const res = await bulk(JSON.parse(overBulk));
      expect(res.status).toBe(413);
      expect(res.body).toEqual(
        scimError(
          413,
          `The size of the bulk operation (${Buffer.byteLength(overBulk)} bytes) exceeds the maxPayloadSize (1048576)`,
        ),
      );

      const overBody = await bulk(body(2_200_000));
      expect(overBody.status).toBe(413);
      expect(overBody.body).toEqual(scimError(413, 'The request body is larger than this server accepts'));
    });
  });

  describe('HTTP', () => {
    it('serves the default server at /scim/v2/Bulk', async () => {
      const main = await createServer(app, { isDefault: true });
      try {
        const res = await bulk(
          bulkOf([{ method: 'POST', path: '/Users', bulkId: 'd', data: userBody() }]),
          main,
          '/scim/v2/Bulk',
        );
        expect(res.status).toBe(200);
        const id = idIn(res.body.Operations[0].location);
        expect(res.body).toEqual({
          schemas: [BULK_RESPONSE],
          Operations: [
            { method: 'POST', bulkId: 'd', location: `${main.scimUrl}/Users/${id}`, version: 'W/"1"', status: '201' },
          ],
        });
        expect((await scim(app, main, 'GET', `${main.base}/Users/${id}`)).status).toBe(200);
        expect((await get(`/Users/${id}`)).status).toBe(404);
      } finally {
        await app.admin('PATCH', `/servers/${main.id}`, { isDefault: false });
      }
    });

    it("requires the server's credentials and only allows POST", async () => {
      const anonymous = await app.request('POST', `${server.base}/Bulk`, { body: bulkOf([]) });
      expect(anonymous.status).toBe(401);
      const getBulk = await scim(app, server, 'GET', `${server.base}/Bulk`);
      expect(getBulk.status).toBe(405);
      expect(getBulk.headers.allow).toBe('POST');
      expect(getBulk.body).toEqual(scimError(405, `GET is not allowed on ${server.base}/Bulk; allowed: POST`));
    });

    it('answers an empty request with an empty response', async () => {
      const res = await bulk(bulkOf([]));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ schemas: [BULK_RESPONSE], Operations: [] });
    });
  });
});
