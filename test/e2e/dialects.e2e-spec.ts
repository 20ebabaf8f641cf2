import { createServer, CreatedServer, scim, scimError, SCIM_JSON } from '../support/factories';
import { PUBLIC_URL, TestApp } from '../support/test-app';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ADSCIM = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const patchOf = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });

/**
 * What Entra ID, Okta and OneLogin really send (the vendor documents the replay fixtures name in their
 * `sources`), accepted by default, counted per server and kind (GET /admin/servers/:id/compatibility),
 * and refused by a strict server.
 */
describe('IdP dialects', () => {
  let app: TestApp;
  let server: CreatedServer;

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
  });
  afterAll(() => app.close());

  const post = async (path: string, body: unknown, on: CreatedServer = server) =>
    scim(app, on, 'POST', `${on.base}/${path}`, body);
  const user = async (userName: string, extra: Record<string, unknown> = {}) => {
    const res = await post('Users', { schemas: [USER], userName, ...extra });
    expect(res.status).toBe(201);
    return res.body as { id: string } & Record<string, unknown>;
  };
  const group = async (displayName: string, extra: Record<string, unknown> = {}) => {
    const res = await post('Groups', { schemas: [GROUP], displayName, ...extra });
    expect(res.status).toBe(201);
    return res.body as { id: string } & Record<string, unknown>;
  };
  const patch = (path: string, ...ops: unknown[]) =>
    scim(app, server, 'PATCH', `${server.base}/${path}`, patchOf(...ops));
  const members = async (groupId: string) =>
    ((await scim(app, server, 'GET', `${server.base}/Groups/${groupId}`)).body.members ?? [])
      .map((m: { value: string }) => m.value)
      .sort();
  const compatibility = async (on: CreatedServer) => (await app.admin('GET', `/servers/${on.id}/compatibility`)).body;
  const meta = (type: string, id: string) => ({
    resourceType: type,
    created: expect.stringMatching(ISO),
    lastModified: expect.stringMatching(ISO),
    version: expect.stringMatching(/^W\/"\d+"$/),
    location: `${PUBLIC_URL}/scim/v2/${server.id}/${type}s/${id}`,
  });

  describe('Entra ID (default, without aadOptscim062020)', () => {
    it('creates a user from Example 2: "True", explicit nulls, the manager as a plain id, read-only meta, empty roles', async () => {
      const manager = await user('entra.manager@contoso.com', { displayName: 'The Manager' });
      const res = await post('Users', {
        schemas: [USER, ENTERPRISE],
        externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
        userName: 'Test_User_00aa00aa@contoso.com',
        active: 'True',
        emails: [{ primary: 'true', type: 'work', value: 'Test_User_00aa00aa@contoso.com' }],
        meta: { resourceType: 'User' },
        name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
        roles: [],
        addresses: null,
        phoneNumbers: null,
        preferredLanguage: null,
        title: null,
        [ENTERPRISE]: { department: null, manager: manager.id },
      });
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toBe(SCIM_JSON);
      expect(res.body).toEqual({
        schemas: [USER, ENTERPRISE],
        id: res.body.id,
        externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
        userName: 'Test_User_00aa00aa@contoso.com',
        active: true,
        emails: [{ primary: true, type: 'work', value: 'Test_User_00aa00aa@contoso.com' }],
        name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
        roles: [],
        [ENTERPRISE]: {
          manager: {
            value: manager.id,
            $ref: `${PUBLIC_URL}/scim/v2/${server.id}/Users/${manager.id}`,
            displayName: 'The Manager',
          },
        },
        meta: meta('User', res.body.id),
      });
    });

    it('disables with Replace active "False" and re-enables with Add active "True" (add on a single value replaces it)', async () => {
      const u = await user('entra.disable@contoso.com', { active: true });
      const off = await patch(`Users/${u.id}`, { op: 'Replace', path: 'active', value: 'False' });
      expect([off.status, off.body.active]).toEqual([200, false]);
      const on = await patch(`Users/${u.id}`, { op: 'Add', path: 'active', value: 'True' });
      expect([on.status, on.body.active]).toEqual([200, true]);
      const pathless = await patch(`Users/${u.id}`, { op: 'Replace', value: { active: 'false' } });
      expect([pathless.status, pathless.body.active]).toEqual([200, false]);
    });

    it('creates the typed element a filtered path names when it is missing (emails, phoneNumbers, addresses)', async () => {
      const u = await user('entra.typed@contoso.com');
      const res = await patch(
        `Users/${u.id}`,
        { op: 'Add', path: 'emails[type eq "work"].value', value: 'work@contoso.com' },
        { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
        { op: 'Add', path: 'addresses[type eq "work"].postalCode', value: '98052' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updated@contoso.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      );
      expect(res.status).toBe(200);
      expect([res.body.emails, res.body.phoneNumbers, res.body.addresses, res.body.name]).toEqual([
        [{ type: 'work', value: 'updated@contoso.com' }],
        [{ type: 'mobile', value: '+1 555 0100' }],
        [{ type: 'work', postalCode: '98052' }],
        { familyName: 'updatedFamilyName' },
      ]);
    });

    it('sets the manager from a plain id by URN path, answers an object, changes and removes it (empty Replace)', async () => {
      const [boss, other, u] = [
        await user('entra.boss@contoso.com'),
        await user('entra.other@contoso.com'),
        await user('entra.report@contoso.com'),
      ];
      const managerPath = `${ENTERPRISE}:manager`;
      const set = await patch(`Users/${u.id}`, { op: 'Add', path: managerPath, value: boss.id });
      expect(set.body[ENTERPRISE]).toEqual({
        manager: {
          value: boss.id,
          $ref: `${PUBLIC_URL}/scim/v2/${server.id}/Users/${boss.id}`,
          displayName: 'entra.boss@contoso.com',
        },
      });
      const changed = await patch(`Users/${u.id}`, { op: 'Replace', path: managerPath, value: { value: other.id } });
      expect(changed.body[ENTERPRISE].manager.value).toBe(other.id);
      const asList = await patch(`Users/${u.id}`, {
        op: 'Add',
        path: managerPath,
        value: [{ $ref: `${PUBLIC_URL}/scim/v2/${server.id}/Users/${boss.id}`, value: boss.id }],
      });
      expect(asList.body[ENTERPRISE].manager.value).toBe(boss.id);
      const removed = await patch(`Users/${u.id}`, { op: 'Replace', path: managerPath, value: '' });
      expect(removed.status).toBe(200);
      expect(removed.body[ENTERPRISE]).toBeUndefined();
      const read = await scim(
        app,
        server,
        'GET',
        `${server.base}/Users?filter=${encodeURIComponent(`id eq "${u.id}" and manager eq "${boss.id}"`)}&attributes=id`,
      );
      expect([read.status, read.body.totalResults]).toEqual([200, 0]);
      // Microsoft's tutorial (Example 5): path "manager" without the URN, the value a one-element list; then read as Entra does.
      const documented = await patch(`Users/${u.id}`, {
        op: 'Add',
        path: 'manager',
        value: [{ $ref: `${PUBLIC_URL}/scim/v2/${server.id}/Users/${boss.id}`, value: boss.id }],
      });
      expect(documented.body[ENTERPRISE].manager.value).toBe(boss.id);
      const check = await scim(
        app,
        server,
        'GET',
        `${server.base}/Users?filter=${encodeURIComponent(`id eq "${u.id}" and manager eq "${boss.id}"`)}&attributes=id`,
      );
      expect(check.body).toEqual({
        schemas: [LIST],
        totalResults: 1,
        startIndex: 1,
        itemsPerPage: 1,
        Resources: [{ schemas: [USER, ENTERPRISE], id: u.id }],
      });
      // attributes and sortBy take the unqualified name too.
      const projected = await scim(
        app,
        server,
        'GET',
        `${server.base}/Users?filter=${encodeURIComponent(`id eq "${u.id}"`)}&attributes=manager&sortBy=manager.value`,
      );
      expect([projected.status, projected.body.Resources]).toEqual([
        200,
        [
          {
            schemas: [USER, ENTERPRISE],
            id: u.id,
            [ENTERPRISE]: {
              manager: {
                value: boss.id,
                $ref: `${PUBLIC_URL}/scim/v2/${server.id}/Users/${boss.id}`,
                displayName: 'entra.boss@contoso.com',
              },
            },
          },
        ],
      ]);
    });

    it('clears optional attributes patched to "" and to null (SCIM_Null_Update_Test)', async () => {
      const u = await user('entra.null@contoso.com', {
        title: 'Engineer',
        nickName: 'Nick',
        [ENTERPRISE]: { department: 'Sales' },
      });
      const empty = await patch(
        `Users/${u.id}`,
        { op: 'Replace', path: 'title', value: '' },
        { op: 'Replace', path: `${ENTERPRISE}:department`, value: '' },
      );
      expect(empty.status).toBe(200);
      const nulled = await patch(`Users/${u.id}`, { op: 'Replace', path: 'nickName', value: null });
      expect(nulled.status).toBe(200);
      const read = (await scim(app, server, 'GET', `${server.base}/Users/${u.id}`)).body;
      // "" clears a single-valued simple attribute (empty-string-as-clear), as null does; the emptied extension is dropped.
      expect([read.title, read.nickName, read[ENTERPRISE], read.schemas]).toEqual([
        undefined,
        undefined,
        undefined,
        [USER],
      ]);
    });

    it('creates a group with the ADSCIM schema URN, adds and removes members with "$ref": null value lists, answers without members on request', async () => {
      const [a, b] = [await user('entra.member.a@contoso.com'), await user('entra.member.b@contoso.com')];
      const g = await group('Entra Group', {
        schemas: [GROUP, ADSCIM],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        meta: { resourceType: 'Group' },
      });
      expect(g).toEqual({
        schemas: [GROUP],
        id: g.id,
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: 'Entra Group',
        members: [],
        meta: meta('Group', g.id),
      });
      const add = await patch(`Groups/${g.id}`, {
        op: 'Add',
        path: 'members',
        value: [
          { $ref: null, value: a.id },
          { $ref: null, value: b.id },
        ],
      });
      expect(add.status).toBe(200);
      expect(await members(g.id)).toEqual([a.id, b.id].sort());
      const remove = await patch(`Groups/${g.id}`, {
        op: 'Remove',
        path: 'members',
        value: [{ $ref: null, value: a.id }],
      });
      expect(remove.status).toBe(200);
      expect(await members(g.id)).toEqual([b.id]);
      const excluded = await scim(app, server, 'GET', `${server.base}/Groups/${g.id}?excludedAttributes=members`);
      expect(excluded.body).toEqual({
        schemas: [GROUP],
        id: g.id,
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: 'Entra Group',
        meta: meta('Group', g.id),
      });
      const found = await scim(
        app,
        server,
        'GET',
        `${server.base}/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Entra Group"')}`,
      );
      expect(found.body).toMatchObject({
        schemas: [LIST],
        totalResults: 1,
        Resources: [{ id: g.id, displayName: 'Entra Group' }],
      });
      expect(found.body.Resources[0].members).toBeUndefined();
    });
  });

  describe('Entra ID with aadOptscim062020', () => {
    it('applies one path-less replace with dotted and URN keys, then removes a member by members[value eq …]', async () => {
      const u = await user('flag.user@contoso.com', { name: { givenName: 'Old', familyName: 'Name' } });
      const res = await patch(`Users/${u.id}`, {
        op: 'replace',
        value: {
          displayName: 'Bjfe',
          'name.givenName': 'Kkom',
          'name.familyName': 'Unua',
          [`${ENTERPRISE}:employeeNumber`]: 'Aklq',
          active: false,
        },
      });
      expect(res.status).toBe(200);
      expect([res.body.displayName, res.body.name, res.body[ENTERPRISE], res.body.active]).toEqual([
        'Bjfe',
        { givenName: 'Kkom', familyName: 'Unua' },
        { employeeNumber: 'Aklq' },
        false,
      ]);
      const nick = await patch(`Users/${u.id}`, { op: 'add', path: 'nickName', value: 'Babs' });
      expect(nick.body.nickName).toBe('Babs');
      const g = await group('Flag Group', { members: [{ value: u.id }] });
      const removed = await patch(`Groups/${g.id}`, { op: 'remove', path: `members[value eq "${u.id}"]` });
      expect(removed.status).toBe(200);
      expect(await members(g.id)).toEqual([]);
    });
  });

  describe('Okta', () => {
    it('answers the connection test GET /Users?startIndex=1&count=2 with a ListResponse of integers', async () => {
      const res = await scim(app, server, 'GET', `${server.base}/Users?startIndex=1&count=2`, undefined, {
        'user-agent': 'Okta SCIM Client 1.0.0',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ schemas: [LIST], startIndex: 1, itemsPerPage: 2 });
      expect(Number.isInteger(res.body.totalResults)).toBe(true);
    });

    it('creates with read-only groups and a password, deactivates and sets the password with path-less replaces, PUTs the whole object back', async () => {
      const created = await post('Users', {
        schemas: [USER],
        userName: 'test.user@okta.local',
        name: { givenName: 'Test', familyName: 'User' },
        emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
        displayName: 'Test User',
        locale: 'en-US',
        externalId: '00ujl29u0le5T6Aj10h7',
        groups: [],
        password: '1mz050nq',
        active: true,
      });
      expect(created.status).toBe(201);
      expect(created.body.password).toBeUndefined();
      const id = created.body.id;
      const off = await patch(`Users/${id}`, { op: 'replace', value: { active: false } });
      expect([off.status, off.body.active]).toEqual([200, false]);
      const password = await patch(`Users/${id}`, { op: 'replace', value: { password: 'n3w-Secret' } });
      expect(password.status).toBe(200);
      expect(password.body.password).toBeUndefined();
      const current = (await scim(app, server, 'GET', `${server.base}/Users/${id}`)).body;
      const put = await scim(app, server, 'PUT', `${server.base}/Users/${id}`, {
        ...current,
        name: { givenName: 'Changed', familyName: 'User' },
        groups: [],
        active: true,
      });
      expect(put.status).toBe(200);
      expect([put.body.id, put.body.name.givenName, put.body.active, put.body.meta.version]).toEqual([
        id,
        'Changed',
        true,
        'W/"4"',
      ]);
    });

    it('renames a group with its own id in the value, removes by filter, adds a list, replaces the whole list, and PUTs full member lists', async () => {
      const [a, b, c] = [
        await user('okta.a@okta.local'),
        await user('okta.b@okta.local'),
        await user('okta.c@okta.local'),
      ];
      const g = await group('Test SCIMv2', { members: [] });
      const renamed = await patch(`Groups/${g.id}`, {
        op: 'replace',
        value: { id: g.id, displayName: 'Test SCIMv2 renamed' },
      });
      expect([renamed.status, renamed.body.displayName, renamed.body.id]).toEqual([200, 'Test SCIMv2 renamed', g.id]);
      await patch(`Groups/${g.id}`, {
        op: 'add',
        path: 'members',
        value: [
          { value: a.id, display: 'okta.a@okta.local' },
          { value: b.id, display: 'okta.b@okta.local' },
        ],
      });
      expect(await members(g.id)).toEqual([a.id, b.id].sort());
      const both = await patch(
        `Groups/${g.id}`,
        { op: 'remove', path: `members[value eq "${a.id}"]` },
        { op: 'add', path: 'members', value: [{ value: c.id, display: 'okta.c@okta.local' }] },
      );
      expect(both.status).toBe(200);
      expect(await members(g.id)).toEqual([b.id, c.id].sort());
      await patch(`Groups/${g.id}`, { op: 'replace', path: 'members', value: [{ value: a.id }] });
      expect(await members(g.id)).toEqual([a.id]);
      const put = await scim(app, server, 'PUT', `${server.base}/Groups/${g.id}`, {
        schemas: [GROUP],
        id: g.id,
        displayName: 'Test SCIMv2',
        members: [
          { value: b.id, display: 'b' },
          { value: c.id, display: 'c' },
        ],
      });
      expect(put.status).toBe(200);
      expect(await members(g.id)).toEqual([b.id, c.id].sort());
    });
  });

  describe('OneLogin', () => {
    it('creates from an edited template: "active":"true", "id": null, the SCIM 1.1 URN, unknown sub-attributes, read-only meta', async () => {
      const res = await post('Users', {
        schemas: ['urn:scim:schemas:core:1.0', ENTERPRISE],
        id: null,
        userName: 'onelogin.user@example.com',
        active: 'true',
        name: { givenName: 'One', familyName: 'Login', formatted: 'One Login' },
        emails: [{ value: 'onelogin.user@example.com', type: 'work', primary: true }],
        meta: { resourceType: 'User' },
        [ENTERPRISE]: { department: 'IT', manager: { value: null, managerId: 'm-1', displayName: 'Boss' } },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        schemas: [USER, ENTERPRISE],
        id: res.body.id,
        userName: 'onelogin.user@example.com',
        active: true,
        name: { givenName: 'One', familyName: 'Login', formatted: 'One Login' },
        emails: [{ value: 'onelogin.user@example.com', type: 'work', primary: true }],
        [ENTERPRISE]: { department: 'IT' },
        meta: meta('User', res.body.id),
      });
    });

    it('adds members with a lower-case add and an empty User-Agent, and deletes users', async () => {
      const u = await user('onelogin.member@example.com');
      const g = await group('OneLogin Group');
      const res = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Groups/${g.id}`,
        patchOf({ op: 'add', path: 'members', value: [{ value: u.id }] }),
        { 'user-agent': '' },
      );
      expect(res.status).toBe(200);
      expect(await members(g.id)).toEqual([u.id]);
      expect((await scim(app, server, 'DELETE', `${server.base}/Users/${u.id}`)).status).toBe(204);
      expect(await members(g.id)).toEqual([]);
      expect((await scim(app, server, 'GET', `${server.base}/Users/${u.id}`)).status).toBe(404);
    });
  });

  describe("Microsoft's reference collection", () => {
    it('reaches /users and /Users/ (trailing slash), reads unquoted filter values and value filters in attributes', async () => {
      await user('OMalley', {
        emails: [
          { type: 'work', value: 'o@example.com' },
          { type: 'home', value: 'h@example.com' },
        ],
      });
      const lower = await scim(
        app,
        server,
        'GET',
        `${server.base}/users?filter=${encodeURIComponent('userName eq "OMalley"')}`,
      );
      expect([lower.status, lower.body.totalResults]).toEqual([200, 1]);
      const slash = await scim(
        app,
        server,
        'GET',
        `${server.base}/Users/?filter=${encodeURIComponent('userName sw OMal')}`,
      );
      expect([slash.status, slash.body.totalResults]).toEqual([200, 1]);
      const dated = await scim(
        app,
        server,
        'GET',
        `${server.base}/Users?filter=${encodeURIComponent('meta.created gt 2015-10-10T14:38:21.8617979-07:00 and userName eq OMalley')}`,
      );
      expect([dated.status, dated.body.totalResults]).toEqual([200, 1]);
      const attributes = await scim(
        app,
        server,
        'GET',
        `${server.base}/Users?filter=${encodeURIComponent('userName eq "OMalley"')}&attributes=${encodeURIComponent('emails[type eq "work"]')}`,
      );
      expect(attributes.status).toBe(200);
      // The attribute is selected; the filter inside `attributes` is not applied (docs/compatibility.md).
      expect(attributes.body.Resources).toEqual([
        {
          schemas: [USER],
          id: expect.any(String),
          emails: [
            { type: 'work', value: 'o@example.com' },
            { type: 'home', value: 'h@example.com' },
          ],
        },
      ]);
    });
  });

  describe('counters and the strict switch', () => {
    it('counts each normalisation per kind on a lenient server', async () => {
      const fresh = await createServer(app);
      await post('Users', { schemas: [USER], userName: 'count.me@example.com', active: 'True' }, fresh);
      await post('Users', { schemas: [USER], userName: 'count.me2@example.com', active: 'false' }, fresh);
      await scim(app, fresh, 'GET', `${fresh.base}/users/`);
      await scim(app, fresh, 'GET', `${fresh.base}/Users?filter=userName%20eq%20x`);
      const view = await compatibility(fresh);
      const counts = Object.fromEntries(view.normalised.map((c: { name: string; count: number }) => [c.name, c.count]));
      expect(counts).toEqual({
        'boolean-string': 2,
        'lowercase-endpoint': 1,
        'trailing-slash': 1,
        'unquoted-filter-value': 1,
      });
      expect(view.strict).toBe(false);
      expect(view.refused).toEqual([]);
      expect(view.normalised[0]).toEqual({ name: 'boolean-string', count: 2, lastSeen: expect.stringMatching(ISO) });
      expect((await app.admin('DELETE', `/servers/${fresh.id}/compatibility`)).status).toBe(204);
      expect(await compatibility(fresh)).toEqual({ strict: false, normalised: [], refused: [] });
    });

    it('refuses the departures on a strict server with a precise SCIM error, changes nothing, and counts the refusals', async () => {
      const strict = await createServer(app, { scim: { strict: true } });
      expect(strict.body.scim).toEqual({
        patchStatus: 200,
        strict: true,
        unknownMembers: 'reject',
        memberDisplay: 'resource',
      });
      const refused = await post('Users', { schemas: [USER], userName: 'strict@example.com', active: 'True' }, strict);
      expect([refused.status, refused.body]).toEqual([
        400,
        scimError(400, 'Attribute "active" must be a boolean (true or false), not the string "True"', 'invalidValue'),
      ]);
      const list = await scim(app, strict, 'GET', `${strict.base}/Users`);
      expect(list.body.totalResults).toBe(0);
      const lower = await scim(app, strict, 'GET', `${strict.base}/users`);
      expect([lower.status, lower.body]).toEqual([
        404,
        scimError(
          404,
          `No SCIM endpoint ${strict.base}/users: endpoints are spelled as in RFC 7644 (/Users, /Groups…), without a trailing slash`,
        ),
      ]);
      const unquoted = await scim(app, strict, 'GET', `${strict.base}/Users?filter=userName%20sw%20O`);
      expect([unquoted.status, unquoted.body.scimType]).toEqual([400, 'invalidFilter']);
      // What follows the RFC still passes on the strict server.
      const compliant = await post(
        'Users',
        {
          schemas: [USER],
          userName: 'strict.ok@example.com',
          active: true,
          emails: [{ value: 'ok@example.com', type: 'home', primary: true }],
        },
        strict,
      );
      expect([compliant.status, compliant.body.userName, compliant.body.active, compliant.body.emails]).toEqual([
        201,
        'strict.ok@example.com',
        true,
        [{ value: 'ok@example.com', type: 'home', primary: true }],
      ]);
      const created = compliant.body;
      const typed = await scim(
        app,
        strict,
        'PATCH',
        `${strict.base}/Users/${created.id}`,
        patchOf({ op: 'Add', path: 'emails[type eq "work"].value', value: 'w@example.com' }),
      );
      expect([typed.status, typed.body]).toEqual([
        400,
        scimError(
          400,
          'Operations[0]: No value of "emails" matches the filter of path "emails[type eq "work"].value"',
          'noTarget',
        ),
      ]);
      const view = await compatibility(strict);
      expect(view.strict).toBe(true);
      expect(view.normalised).toEqual([]);
      expect(Object.fromEntries(view.refused.map((c: { name: string; count: number }) => [c.name, c.count]))).toEqual({
        'boolean-string': 1,
        'lowercase-endpoint': 1,
        'unquoted-filter-value': 1,
        'typed-element-created': 1,
      });
    });

    it('drops members that exist nowhere under unknownMembers "ignore" (else 400) and answers group PATCH with 204 under patchStatus 204', async () => {
      const rejecting = await group('Rejecting');
      const refused = await patch(`Groups/${rejecting.id}`, { op: 'add', path: 'members', value: 'string id 1' });
      expect([refused.status, refused.body]).toEqual([
        400,
        scimError(400, 'members[0].value must be the id of a User or Group of this identity server', 'invalidValue'),
      ]);
      const lenient = await createServer(app, { scim: { unknownMembers: 'ignore', patchStatus: 204 } });
      const member = (await post('Users', { schemas: [USER], userName: 'real.member@example.com' }, lenient)).body;
      const g = (await post('Groups', { schemas: [GROUP], displayName: 'Garbage' }, lenient)).body;
      const res = await scim(
        app,
        lenient,
        'PATCH',
        `${lenient.base}/Groups/${g.id}`,
        patchOf(
          { op: 'add', path: 'members', value: 'string id 1' },
          {
            op: 'add',
            path: 'members',
            value: [{ value: member.id }, { value: '6f1c9b8e-0000-4000-8000-000000000000' }],
          },
        ),
      );
      expect([res.status, res.text, res.headers.etag]).toEqual([204, '', 'W/"2"']);
      const read = await scim(app, lenient, 'GET', `${lenient.base}/Groups/${g.id}`);
      expect(read.body.members.map((m: { value: string }) => m.value)).toEqual([member.id]);
      const view = await compatibility(lenient);
      expect(view.normalised.map((c: { name: string }) => c.name).sort()).toEqual([
        'bare-member-value',
        'unknown-member-ignored',
      ]);
    });

    it('answers the display sent with a member under memberDisplay "as-sent", the member\'s own name otherwise', async () => {
      const asSent = await createServer(app, { scim: { memberDisplay: 'as-sent' } });
      const run = async (on: CreatedServer) => {
        const u = (await post('Users', { schemas: [USER], userName: 'shown@example.com', displayName: 'lennay' }, on))
          .body;
        const other = (await post('Users', { schemas: [USER], userName: 'plain@example.com' }, on)).body;
        const g = (await post('Groups', { schemas: [GROUP], displayName: 'Shown' }, on)).body;
        const add = patchOf({
          op: 'add',
          path: 'members',
          value: [{ displayName: 'new User', value: u.id }, { value: other.id }],
        });
        expect((await scim(app, on, 'PATCH', `${on.base}/Groups/${g.id}`, add)).status).toBe(200);
        const read = await scim(app, on, 'GET', `${on.base}/Groups/${g.id}`);
        const byId = Object.fromEntries(
          read.body.members.map((m: { value: string; display: string }) => [m.value, m.display]),
        );
        return [byId[u.id], byId[other.id]];
      };
      expect(await run(asSent)).toEqual(['new User', 'plain@example.com']);
      expect(await run(await createServer(app))).toEqual(['lennay', 'plain@example.com']);
    });

    it('applies the same rules to Bulk operations, each as its own request would', async () => {
      const strict = await createServer(app, { scim: { strict: true } });
      const bulk = (on: CreatedServer) =>
        scim(app, on, 'POST', `${on.base}/Bulk`, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
          Operations: [
            {
              method: 'POST',
              path: '/Users',
              bulkId: 'u',
              data: { schemas: [USER], userName: `bulk.${on.id}@example.com`, active: 'True' },
            },
          ],
        });
      const lenient = await createServer(app);
      const accepted = await bulk(lenient);
      expect([accepted.status, accepted.body.Operations[0].status]).toEqual([200, '201']);
      const refused = await bulk(strict);
      expect(refused.body.Operations[0]).toEqual({
        method: 'POST',
        bulkId: 'u',
        status: '400',
        response: scimError(
          400,
          'Attribute "active" must be a boolean (true or false), not the string "True"',
          'invalidValue',
        ),
      });
      expect((await compatibility(lenient)).normalised.map((c: { name: string }) => c.name)).toEqual([
        'boolean-string',
      ]);
      expect((await compatibility(strict)).refused.map((c: { name: string }) => c.name)).toEqual(['boolean-string']);
    });

    it("counts Entra's app role assignment as JSON text, and a strict server keeps the text as the role's value", async () => {
      const assignment = JSON.stringify({
        id: '06b07648-ecfe-589f-9d2f-6325724a46ee',
        value: 'Admin',
        displayName: 'Admin',
      });
      const addRole = async (on: CreatedServer) => {
        const created = await scim(app, on, 'POST', `${on.base}/Users`, {
          schemas: [USER],
          userName: `roles.${on.id}@example.com`,
        });
        const res = await scim(
          app,
          on,
          'PATCH',
          `${on.base}/Users/${created.body.id}`,
          patchOf({ op: 'Add', path: 'roles', value: [{ value: assignment }] }),
        );
        return [res.status, res.body.roles];
      };
      const lenient = await createServer(app);
      const strict = await createServer(app, { scim: { strict: true } });
      expect(await addRole(lenient)).toEqual([200, [{ value: 'Admin', display: 'Admin' }]]);
      expect(await addRole(strict)).toEqual([200, [{ value: assignment }]]);
      const names = (list: { name: string }[]) => list.map((c) => c.name);
      expect(names((await compatibility(lenient)).normalised)).toEqual(['role-as-json-text']);
      expect(names((await compatibility(strict)).refused)).toEqual(['role-as-json-text']);
    });

    it('refuses an unknown server with 404 on the admin view', async () => {
      const res = await app.admin('GET', '/servers/6f1c9b8e-0000-4000-8000-000000000000/compatibility');
      expect(res.status).toBe(404);
    });
  });
});
