import { createServer, CreatedServer, groupBody, scim, scimError, userBody } from '../support/factories';
import { TestApp } from '../support/test-app';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const ACME_GROUP = 'urn:ietf:params:scim:schemas:extension:acme:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patchOf = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });

/** Secoda's attribute in the core namespace, an extension of the administrator's choice, a Group attribute. */
const DECLARATIONS = [
  {
    name: 'secodaRole',
    canonicalValues: ['Admin', 'Editor', 'Viewer'],
    restrictToCanonicalValues: true,
    description: 'Secoda role',
  },
  { schema: ACME, name: 'costCode', type: 'integer' },
  { schema: ACME, name: 'badges', multiValued: true, caseExact: true },
  {
    schema: ACME,
    name: 'office',
    type: 'complex',
    subAttributes: [
      { name: 'building', required: true },
      { name: 'floor', type: 'integer' },
    ],
  },
  { schema: ACME, name: 'hiredOn', type: 'dateTime', returned: 'request' },
  { schema: ACME, name: 'pin', mutability: 'writeOnly', returned: 'never' },
  { resourceType: 'Group', name: 'tier', type: 'string' },
  { resourceType: 'Group', schema: ACME_GROUP, name: 'budget', type: 'decimal' },
];

describe('custom attributes', () => {
  let app: TestApp;
  let server: CreatedServer;

  const declare = (target: CreatedServer, body: unknown) => app.admin('PUT', `/servers/${target.id}/attributes`, body);
  const createUser = async (extra: Record<string, unknown>, target = server) =>
    scim(app, target, 'POST', `${target.base}/Users`, userBody(undefined, extra));

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
    const res = await declare(server, { attributes: DECLARATIONS });
    expect(res.status).toBe(200);
  });
  afterAll(() => app.close());

  describe('admin API', () => {
    it('stores the declarations with every characteristic spelled out, and shows them', async () => {
      const res = await app.admin('GET', `/servers/${server.id}/attributes`);
      expect(res.status).toBe(200);
      expect(res.body.unknownAttributes).toBe('ignore');
      expect(res.body.attributes[0]).toEqual({
        resourceType: 'User',
        schema: CORE,
        name: 'secodaRole',
        type: 'string',
        multiValued: false,
        required: false,
        caseExact: false,
        mutability: 'readWrite',
        returned: 'default',
        description: 'Secoda role',
        canonicalValues: ['Admin', 'Editor', 'Viewer'],
        restrictToCanonicalValues: true,
      });
      expect(Object.keys(res.body.attributes[0]).slice(0, 4)).toEqual(['resourceType', 'schema', 'name', 'type']);
      expect(res.body.attributes).toHaveLength(DECLARATIONS.length);
      expect(res.body.ignoredAttributes).toEqual([]);
    });

    it.each([
      [{ attributes: [{ name: 'userName' }] }, 'attributes[0].name "userName" is a built-in attribute of User'],
      [{ attributes: [{ name: 'ExternalId' }] }, 'attributes[0].name "ExternalId" is a built-in attribute of User'],
      [
        { attributes: [{ name: 'x', type: 'blob' }] },
        'attributes[0].type must be one of string, boolean, integer, decimal, dateTime, reference, complex',
      ],
      [
        { attributes: [{ name: '1x' }] },
        'attributes[0].name must be a letter followed by up to 63 letters, digits, "-" or "_"',
      ],
      [{ attributes: [{ name: 'a' }, { name: 'A' }] }, `attributes[1]: "A" is declared twice in ${CORE}`],
      [
        { attributes: [{ name: 'p', mutability: 'writeOnly', returned: 'default' }] },
        'attributes[0]: a writeOnly attribute must have returned "never" (RFC 7643 §7)',
      ],
      [
        { attributes: [{ name: 'c', type: 'complex' }] },
        'attributes[0].subAttributes must be an array of 1–30 sub-attributes',
      ],
      [
        { attributes: [{ name: 'c', type: 'complex', subAttributes: [{ name: 'd', type: 'complex' }] }] },
        'attributes[0].subAttributes[0].type must be one of string, boolean, integer, decimal, dateTime, reference',
      ],
      [
        { attributes: [{ name: 'n', type: 'integer', canonicalValues: ['1'] }] },
        'attributes[0].canonicalValues apply to string attributes only, at most 200',
      ],
      [
        { attributes: [{ name: 'x', schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User' }] },
        'attributes[0].schema "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User" is a built-in schema',
      ],
      [
        { attributes: [{ name: 'x', schema: 'not a urn' }] },
        'attributes[0].schema must be the core schema URN or an extension URN such as "urn:ietf:params:scim:schemas:extension:acme:2.0:User"',
      ],
      [
        {
          attributes: [
            { name: 'x', schema: ACME },
            { resourceType: 'Group', name: 'y', schema: ACME },
          ],
        },
        `attributes[1].schema "${ACME}" is already an extension of User`,
      ],
      [{ attributes: [{ name: 'x', colour: 'red' }] }, 'attributes[0].colour is not a characteristic of an attribute'],
      [{ unknownAttributes: 'drop' }, 'body.unknownAttributes must be one of ignore, reject, store'],
    ])('refuses %j', async (body, message) => {
      const other = await createServer(app);
      const res = await declare(other, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    });

    it('404 for an unknown server; the change is in the audit trail', async () => {
      expect(
        (await declare({ id: '00000000-0000-4000-8000-000000000000' } as CreatedServer, { attributes: [] })).status,
      ).toBe(404);
      const audit = await app.admin('GET', `/audit?serverId=${server.id}`);
      const entry = audit.body.entries.find((e: { action: string }) => e.action === 'schema.updated');
      expect(entry).toMatchObject({
        actor: 'admin-api',
        serverId: server.id,
        before: { unknownAttributes: 'ignore', attributes: [] },
      });
      expect(entry.after.attributes).toHaveLength(DECLARATIONS.length);
    });
  });

  describe('discovery', () => {
    it('/Schemas shows the core attribute inside the core User schema and the extensions as schemas', async () => {
      const res = await scim(app, server, 'GET', `${server.base}/Schemas`);
      expect(res.status).toBe(200);
      const ids = res.body.Resources.map((s: { id: string }) => s.id);
      expect(ids).toEqual([
        CORE,
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
        ACME,
        GROUP,
        ACME_GROUP,
      ]);
      const core = res.body.Resources[0];
      expect(core.attributes.at(-1)).toEqual({
        name: 'secodaRole',
        type: 'string',
        multiValued: false,
        description: 'Secoda role',
        required: false,
        caseExact: false,
        mutability: 'readWrite',
        returned: 'default',
        uniqueness: 'none',
        canonicalValues: ['Admin', 'Editor', 'Viewer'],
      });
      const acme = (await scim(app, server, 'GET', `${server.base}/Schemas/${ACME}`)).body;
      expect(acme).toMatchObject({
        id: ACME,
        name: 'acmeUser',
        meta: { resourceType: 'Schema', location: `${server.scimUrl}/Schemas/${ACME}` },
      });
      expect(acme.attributes.map((a: { name: string }) => a.name)).toEqual([
        'costCode',
        'badges',
        'office',
        'hiredOn',
        'pin',
      ]);
      expect(acme.attributes[2].subAttributes[1]).toMatchObject({ name: 'floor', type: 'integer' });
    });

    it('/ResourceTypes lists the extensions; another server sees none of them', async () => {
      const res = await scim(app, server, 'GET', `${server.base}/ResourceTypes/User`);
      expect(res.body.schemaExtensions).toEqual([
        { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', required: false },
        { schema: ACME, required: false },
      ]);
      expect((await scim(app, server, 'GET', `${server.base}/ResourceTypes/Group`)).body.schemaExtensions).toEqual([
        { schema: ACME_GROUP, required: false },
      ]);
      const other = await createServer(app);
      const schemas = await scim(app, other, 'GET', `${other.base}/Schemas`);
      expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual([
        CORE,
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
        GROUP,
      ]);
      expect((await scim(app, other, 'GET', `${other.base}/Schemas/${ACME}`)).status).toBe(404);
    });
  });

  describe('Users', () => {
    it('Secoda: secodaRole at the top level or URN-qualified, stored in its declared spelling and returned', async () => {
      const top = await createUser({ secodaRole: 'admin' });
      expect(top.status).toBe(201);
      expect(top.body.secodaRole).toBe('Admin');
      const qualified = await createUser({ [`${CORE}:secodaRole`]: 'Viewer' });
      expect(qualified.status).toBe(201);
      expect(qualified.body.secodaRole).toBe('Viewer');
      expect((await scim(app, server, 'GET', `${server.base}/Users/${qualified.body.id}`)).body.secodaRole).toBe(
        'Viewer',
      );
    });

    it('refuses values of the wrong type or outside restricted canonical values (400 invalidValue)', async () => {
      expect((await createUser({ secodaRole: 'Owner' })).body).toEqual(
        scimError(400, 'Attribute "secodaRole" must be one of "Admin", "Editor", "Viewer"', 'invalidValue'),
      );
      expect((await createUser({ [ACME]: { costCode: 'abc' } })).body).toEqual(
        scimError(400, `Attribute "${ACME}:costCode" must be an integer`, 'invalidValue'),
      );
      expect((await createUser({ [ACME]: { office: { floor: 3 } } })).body).toEqual(
        scimError(400, `Attribute "${ACME}:office.building" is required`, 'invalidValue'),
      );
      expect((await createUser({ [ACME]: { badges: 'gold' } })).body).toEqual(
        scimError(400, `Attribute "${ACME}:badges" is multi-valued and must be an array`, 'invalidValue'),
      );
    });

    it('extension attributes: stored, returned (request-only and writeOnly ones as declared), replaced by PUT', async () => {
      const created = await createUser({
        schemas: [CORE, ACME],
        [ACME]: {
          costCode: 42,
          badges: ['Gold'],
          office: { building: 'B1', floor: 3 },
          hiredOn: '2024-01-02T03:04:05Z',
          pin: '1234',
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.schemas).toEqual([CORE, ACME]);
      expect(created.body[ACME]).toEqual({ costCode: 42, badges: ['Gold'], office: { building: 'B1', floor: 3 } });
      const requested = await scim(
        app,
        server,
        'GET',
        `${server.base}/Users/${created.body.id}?attributes=${ACME}:hiredOn`,
      );
      expect(requested.body[ACME]).toEqual({ hiredOn: '2024-01-02T03:04:05Z' });
      const put = await scim(app, server, 'PUT', `${server.base}/Users/${created.body.id}`, {
        schemas: [CORE],
        userName: created.body.userName,
        secodaRole: 'Editor',
        [`${ACME}:costCode`]: 7,
      });
      expect(put.status).toBe(200);
      expect(put.body.secodaRole).toBe('Editor');
      expect(put.body[ACME]).toEqual({ costCode: 7 });
    });

    it('PATCH by plain path, URN-qualified path and path-less value; remove clears', async () => {
      const user = (await createUser({ secodaRole: 'Viewer' })).body;
      const url = `${server.base}/Users/${user.id}`;
      let res = await scim(app, server, 'PATCH', url, patchOf({ op: 'replace', path: 'secodaRole', value: 'Editor' }));
      expect(res.body.secodaRole).toBe('Editor');
      res = await scim(
        app,
        server,
        'PATCH',
        url,
        patchOf({ op: 'Replace', path: `${CORE}:secodaRole`, value: 'admin' }),
      );
      expect(res.body.secodaRole).toBe('Admin');
      res = await scim(
        app,
        server,
        'PATCH',
        url,
        patchOf({ op: 'replace', value: { [`${CORE}:secodaRole`]: 'Viewer', [`${ACME}:costCode`]: 5 } }),
      );
      expect(res.body.secodaRole).toBe('Viewer');
      expect(res.body[ACME]).toEqual({ costCode: 5 });
      res = await scim(app, server, 'PATCH', url, patchOf({ op: 'add', path: `${ACME}:badges`, value: ['a', 'b'] }));
      expect(res.body[ACME]).toEqual({ costCode: 5, badges: ['a', 'b'] });
      res = await scim(app, server, 'PATCH', url, patchOf({ op: 'replace', path: 'secodaRole', value: 'Owner' }));
      expect(res.body).toEqual(
        scimError(400, 'Attribute "secodaRole" must be one of "Admin", "Editor", "Viewer"', 'invalidValue'),
      );
      res = await scim(
        app,
        server,
        'PATCH',
        url,
        patchOf({ op: 'remove', path: 'secodaRole' }, { op: 'remove', path: ACME }),
      );
      expect(res.status).toBe(200);
      expect(res.body.secodaRole).toBeUndefined();
      expect(res.body[ACME]).toBeUndefined();
      expect(res.body.schemas).toEqual([CORE]);
    });

    it('filters and sorts on custom attributes in SQL', async () => {
      const own = await createServer(app);
      await declare(own, { attributes: DECLARATIONS });
      const u1 = (
        await createUser(
          { userName: 'f1@example.com', secodaRole: 'Admin', [ACME]: { costCode: 30, badges: ['x'] } },
          own,
        )
      ).body;
      const u2 = (
        await createUser(
          { userName: 'f2@example.com', secodaRole: 'Viewer', [ACME]: { costCode: 10, badges: ['y', 'X'] } },
          own,
        )
      ).body;
      const u3 = (await createUser({ userName: 'f3@example.com', secodaRole: 'admin', [ACME]: { costCode: 20 } }, own))
        .body;
      const ids = async (query: string) =>
        (await scim(app, own, 'GET', `${own.base}/Users?${query}`)).body.Resources.map((r: { id: string }) => r.id);
      expect(await ids(`filter=${encodeURIComponent('secodaRole eq "ADMIN"')}&sortBy=userName`)).toEqual([
        u1.id,
        u3.id,
      ]);
      expect(await ids(`filter=${encodeURIComponent(`${CORE}:secodaRole eq "Viewer"`)}`)).toEqual([u2.id]);
      expect(
        await ids(
          `filter=${encodeURIComponent(`${ACME}:costCode gt 15`)}&sortBy=${ACME}:costCode&sortOrder=descending`,
        ),
      ).toEqual([u1.id, u3.id]);
      expect(await ids(`sortBy=${ACME}:costCode`)).toEqual([u2.id, u3.id, u1.id]);
      // badges is caseExact: "X" matches only u2's "X".
      expect(await ids(`filter=${encodeURIComponent(`${ACME}:badges eq "X"`)}`)).toEqual([u2.id]);
      const bad = await scim(
        app,
        own,
        'GET',
        `${own.base}/Users?filter=${encodeURIComponent(`${ACME}:costCode eq "x"`)}`,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.scimType).toBe('invalidFilter');
    });
  });

  describe('Groups', () => {
    it('group attributes: POST, PATCH, filter, /Schemas', async () => {
      const created = await scim(
        app,
        server,
        'POST',
        `${server.base}/Groups`,
        groupBody(undefined, { tier: 'gold', [ACME_GROUP]: { budget: 12.5 } }),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        schemas: [GROUP, ACME_GROUP],
        tier: 'gold',
        [ACME_GROUP]: { budget: 12.5 },
      });
      const patched = await scim(
        app,
        server,
        'PATCH',
        `${server.base}/Groups/${created.body.id}`,
        patchOf({ op: 'replace', path: 'tier', value: 'silver' }),
      );
      expect(patched.status).toBe(200);
      expect(patched.body.tier).toBe('silver');
      const found = await scim(
        app,
        server,
        'GET',
        `${server.base}/Groups?filter=${encodeURIComponent('tier eq "SILVER"')}&excludedAttributes=members`,
      );
      expect(found.body.Resources.map((g: { id: string }) => g.id)).toEqual([created.body.id]);
      expect(
        (await scim(app, server, 'POST', `${server.base}/Groups`, groupBody(undefined, { tier: 3 }))).body,
      ).toEqual(scimError(400, 'Attribute "tier" must be a string', 'invalidValue'));
    });
  });

  describe('unknown attributes', () => {
    let ignore: CreatedServer;
    let reject: CreatedServer;
    let store: CreatedServer;

    beforeAll(async () => {
      [ignore, reject, store] = await Promise.all([createServer(app), createServer(app), createServer(app)]);
      expect(
        (await declare(reject, { unknownAttributes: 'reject', attributes: [{ name: 'secodaRole' }] })).status,
      ).toBe(200);
      expect((await declare(store, { unknownAttributes: 'store' })).status).toBe(200);
    });

    it('ignore (default): dropped on POST, PUT and PATCH, and counted per server', async () => {
      const created = await createUser(
        { department: 'x', favouriteColour: 'blue', name: { givenName: 'A', nick: 'z' } },
        ignore,
      );
      expect(created.status).toBe(201);
      expect(created.body.favouriteColour).toBeUndefined();
      const url = `${ignore.base}/Users/${created.body.id}`;
      expect(
        (await scim(app, ignore, 'PUT', url, userBody(created.body.userName, { favouriteColour: 'red' }))).status,
      ).toBe(200);
      const patched = await scim(
        app,
        ignore,
        'PATCH',
        url,
        patchOf(
          { op: 'replace', path: 'favouriteColour', value: 'green' },
          { op: 'add', value: { shoeSize: 9, meta: {} } },
        ),
      );
      expect(patched.status).toBe(200);
      expect(patched.body.favouriteColour).toBeUndefined();
      const counts = (await app.admin('GET', `/servers/${ignore.id}/attributes`)).body.ignoredAttributes;
      expect(counts.map((c: { name: string; count: number }) => [c.name, c.count])).toEqual([
        ['favouriteColour', 3],
        ['department', 1],
        ['name.nick', 1],
        ['shoeSize', 1],
      ]);
      expect(counts[0].lastSeen).toEqual(expect.any(String));
      expect((await app.admin('DELETE', `/servers/${ignore.id}/attributes/ignored`)).status).toBe(204);
      expect((await app.admin('GET', `/servers/${ignore.id}/attributes`)).body.ignoredAttributes).toEqual([]);
    });

    it('reject: 400 invalidValue on POST and PUT, invalidPath for a PATCH path, invalidValue inside a PATCH value', async () => {
      expect((await createUser({ favouriteColour: 'blue' }, reject)).body).toEqual(
        scimError(400, 'Unknown attribute "favouriteColour"', 'invalidValue'),
      );
      const user = (await createUser({ secodaRole: 'x' }, reject)).body;
      const url = `${reject.base}/Users/${user.id}`;
      expect((await scim(app, reject, 'PUT', url, userBody(user.userName, { name: { nick: 'z' } }))).body).toEqual(
        scimError(400, 'Unknown attribute "name.nick"', 'invalidValue'),
      );
      expect(
        (await scim(app, reject, 'PATCH', url, patchOf({ op: 'replace', path: 'favouriteColour', value: 'x' }))).body,
      ).toEqual(scimError(400, 'Operations[0]: Unknown attribute "favouriteColour" in path', 'invalidPath'));
      expect(
        (await scim(app, reject, 'PATCH', url, patchOf({ op: 'replace', value: { favouriteColour: 'x' } }))).body,
      ).toEqual(scimError(400, 'Operations[0]: Unknown attribute "favouriteColour"', 'invalidValue'));
      // Read-only attributes sent by IdPs (meta, id) are not unknown: still ignored.
      expect(
        (await scim(app, reject, 'PATCH', url, patchOf({ op: 'replace', value: { secodaRole: 'y', meta: {} } })))
          .status,
      ).toBe(200);
    });

    it('store: kept as sent and returned on POST, PUT and PATCH; attributes= selects them', async () => {
      const created = await createUser({ favouriteColour: 'blue', prefs: { theme: 'dark' } }, store);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ favouriteColour: 'blue', prefs: { theme: 'dark' } });
      const url = `${store.base}/Users/${created.body.id}`;
      let res = await scim(
        app,
        store,
        'PATCH',
        url,
        patchOf({ op: 'replace', path: 'favouriteColour', value: 'red' }, { op: 'add', value: { shoeSize: 9 } }),
      );
      expect(res.body).toMatchObject({ favouriteColour: 'red', shoeSize: 9, prefs: { theme: 'dark' } });
      res = await scim(app, store, 'PATCH', url, patchOf({ op: 'remove', path: 'prefs' }));
      expect(res.body.prefs).toBeUndefined();
      res = await scim(app, store, 'PUT', url, userBody(created.body.userName, { favouriteColour: 'green' }));
      expect(res.body.favouriteColour).toBe('green');
      expect(res.body.shoeSize).toBeUndefined();
      const selected = await scim(app, store, 'GET', `${url}?attributes=favouriteColour`);
      expect(selected.body).toEqual({ schemas: [CORE], id: created.body.id, favouriteColour: 'green' });
      const excluded = await scim(app, store, 'GET', `${url}?excludedAttributes=favouriteColour`);
      expect(excluded.body.favouriteColour).toBeUndefined();
    });
  });
});
