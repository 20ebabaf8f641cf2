import { createServer, CreatedServer, scim, SCIM_JSON, scimError, userBody } from '../support/factories';
import { ADMIN_TOKEN, TestApp } from '../support/test-app';

const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const DEPTH =
  'The request body nests objects and arrays deeper than 64 levels, the most this server accepts; flatten it';
const nest = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Input that once reached the database or the stack as is (issue 13 §2): each a 400 that says what and where, nothing changed. */
describe('hostile input', () => {
  let app: TestApp;
  let server: CreatedServer;
  let strict: CreatedServer;
  let userId: string;
  let version: string;

  const raw = (target: CreatedServer, method: string, path: string, payload?: string) =>
    app.request(method, `${target.base}${path}`, {
      headers: {
        authorization: `Bearer ${target.token}`,
        ...(payload !== undefined && { 'content-type': 'application/scim+json' }),
      },
      payload,
    });

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
    strict = await createServer(app, { scim: { strict: true } });
    const declared = {
      attributes: [
        { schema: ACME, name: 'pin', mutability: 'writeOnly', returned: 'never' },
        { schema: ACME, name: 'costCode', type: 'integer' },
      ],
    };
    for (const target of [server, strict])
      expect((await app.admin('PUT', `/servers/${target.id}/attributes`, declared)).status).toBe(200);
    const created = await scim(
      app,
      server,
      'POST',
      `${server.base}/Users`,
      userBody('hostile@example.com', { password: 'correct horse battery', [ACME]: { pin: '1234', costCode: 7 } }),
    );
    userId = created.body.id;
    version = created.body.meta.version;
  });
  afterAll(() => app.close());

  describe('JSON nested deeper than 64 levels', () => {
    it('is 400 invalidSyntax naming the limit in a PATCH value, Bulk data, a SearchRequest and a POST; 64 levels still parse', async () => {
      const cases: [string, string, string][] = [
        [
          'PATCH',
          `/Users/${userId}`,
          `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"replace","path":"title","value":${nest(2000)}}]}`,
        ],
        [
          'POST',
          '/Bulk',
          `{"schemas":["${BULK}"],"Operations":[{"method":"POST","path":"/Users","bulkId":"a","data":${nest(5000)}}]}`,
        ],
        ['POST', '/Users/.search', `{"schemas":["${SEARCH}"],"x":${nest(100000)}}`],
        [
          'POST',
          '/Users',
          `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"deep","name":${nest(64)}}`,
        ],
      ];
      for (const [method, path, payload] of cases) {
        const res = await raw(server, method, path, payload);
        expect([method, path, res.status, res.headers['content-type'], res.body]).toEqual([
          method,
          path,
          400,
          SCIM_JSON,
          scimError(400, DEPTH, 'invalidSyntax'),
        ]);
      }
      const shallow = await raw(
        server,
        'POST',
        '/Users/.search',
        `{"schemas":["${SEARCH}"],"filter":"userName eq \\"hostile@example.com\\"","x":${nest(62)}}`,
      );
      expect([shallow.status, shallow.body.totalResults]).toEqual([200, 1]);
      const user = await scim(app, server, 'GET', `${server.base}/Users/${userId}`);
      expect([user.body.title, user.body.meta.version]).toEqual([undefined, version]);
    });

    it('is 400 in an admin body too', async () => {
      const res = await app.request('POST', '/admin/servers', {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        payload: `{"name":${nest(3000)}}`,
      });
      expect([res.status, res.body]).toEqual([400, { statusCode: 400, error: 'Bad Request', message: DEPTH }]);
    });

    it('answers a stranger 401 first, not 400 (the body is judged after authentication)', async () => {
      const res = await app.request('POST', `${server.base}/Bulk`, {
        headers: { 'content-type': 'application/scim+json' },
        payload: nest(10000),
      });
      expect(res.status).toBe(401);
    });
  });

  describe('a NUL character in the URL or headers', () => {
    it('in a SCIM URL answers a stranger 401 first, not 400 (refused after authentication, so that it is logged)', async () => {
      const res = await app.request('GET', `${server.base}/Users/%00`);
      expect([res.status, res.headers['www-authenticate'] !== undefined]).toEqual([401, true]);
    });

    it.each<[string, string, string, string]>([
      [
        'GET',
        '/Users/%00',
        'invalidValue',
        'The request path holds a NUL character (%00); it names no resource: remove it',
      ],
      [
        'DELETE',
        '/Groups/%00',
        'invalidValue',
        'The request path holds a NUL character (%00); it names no resource: remove it',
      ],
      [
        'GET',
        '/Users?attributes=userName%00',
        'invalidValue',
        'The query parameter attributes holds a NUL character (%00); it cannot be stored or compared: remove it',
      ],
      [
        'GET',
        '/Users?sortBy=userName%00',
        'invalidValue',
        'The query parameter sortBy holds a NUL character (%00); it cannot be stored or compared: remove it',
      ],
      [
        'GET',
        '/Users?excludedAttributes=emails&cursor=%00',
        'invalidValue',
        'The query parameter cursor holds a NUL character (%00); it cannot be stored or compared: remove it',
      ],
      [
        'GET',
        '/Users?filter=userName%20eq%20%22a%00%22',
        'invalidFilter',
        'The query parameter filter holds a NUL character (%00); it cannot be stored or compared: remove it',
      ],
      [
        'GET',
        '/Users?filter=userName%00%20pr',
        'invalidFilter',
        'The query parameter filter holds a NUL character (%00); it cannot be stored or compared: remove it',
      ],
      ['GET', '/Users?a%00=1', 'invalidValue', 'A query parameter name holds a NUL character (%00): remove it'],
    ])('%s %s: 400 %s', async (method, path, scimType, detail) => {
      const res = await scim(app, server, method, `${server.base}${path}`);
      expect([res.status, res.headers['content-type'], res.body]).toEqual([
        400,
        SCIM_JSON,
        scimError(400, detail, scimType),
      ]);
    });

    it('in a header value: 400 naming the header, never its value', async () => {
      const res = await scim(app, server, 'GET', `${server.base}/Users`, undefined, {
        'x-correlation': 'secret\u0000value',
      });
      expect([res.status, res.body]).toEqual([
        400,
        scimError(400, 'The header x-correlation holds a NUL character: remove it', 'invalidValue'),
      ]);
    });

    it('in an admin URL: 400 in the admin shape', async () => {
      const res = await app.admin('GET', '/servers/%00');
      expect([res.status, res.body]).toEqual([
        400,
        {
          statusCode: 400,
          error: 'Bad Request',
          message: 'The request path holds a NUL character (%00); it names no resource: remove it',
        },
      ]);
    });

    it('in a filter string escape (\\u0000), in the query or a SearchRequest: 400 invalidFilter with the position', async () => {
      const detail =
        'Invalid filter at position 13: the escape "\\u0000" (a NUL character) is not allowed in a string: no value can hold it';
      const query = await scim(
        app,
        server,
        'GET',
        `${server.base}/Users?filter=${encodeURIComponent('userName eq "\\u0000"')}`,
      );
      expect([query.status, query.body]).toEqual([400, scimError(400, detail, 'invalidFilter')]);
      const search = await scim(app, server, 'POST', `${server.base}/Users/.search`, {
        schemas: [SEARCH],
        filter: 'userName eq "a\\u0000"',
      });
      expect([search.status, search.body]).toEqual([
        400,
        scimError(400, detail.replace('position 13', 'position 14'), 'invalidFilter'),
      ]);
    });
  });

  describe('numbers out of range', () => {
    it('reads a huge startIndex as past the end (an empty page) and caps count, in a SearchRequest and the query', async () => {
      for (const startIndex of [1e308, 1e20]) {
        const res = await scim(app, server, 'POST', `${server.base}/Users/.search`, {
          schemas: [SEARCH],
          startIndex,
          count: 1e308,
        });
        expect([res.status, res.body]).toEqual([
          200,
          {
            schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
            totalResults: 1,
            startIndex: Number.MAX_SAFE_INTEGER,
            itemsPerPage: 0,
            Resources: [],
          },
        ]);
      }
      const low = await scim(app, server, 'POST', `${server.base}/.search`, {
        schemas: [SEARCH],
        startIndex: -1e308,
        count: -1e308,
      });
      expect([low.status, low.body.startIndex, low.body.itemsPerPage, low.body.totalResults]).toEqual([200, 1, 0, 1]);
      const query = await scim(
        app,
        server,
        'GET',
        `${server.base}/Users?startIndex=99999999999999999999999&count=99999999999999999999`,
      );
      expect([query.status, query.body.startIndex, query.body.itemsPerPage]).toEqual([200, Number.MAX_SAFE_INTEGER, 0]);
    });

    it.each<[string, string]>([
      ['startIndex=1e308', 'Query parameter startIndex must be an integer'],
      ['count=NaN', 'Query parameter count must be an integer'],
      ['count=1.5', 'Query parameter count must be an integer'],
    ])('refuses %s with 400 invalidValue', async (params, detail) => {
      const res = await scim(app, server, 'GET', `${server.base}/Users?${params}`);
      expect([res.status, res.body]).toEqual([400, scimError(400, detail, 'invalidValue')]);
    });

    it('compares huge numbers with an integer attribute without a database error', async () => {
      for (const value of ['1e308', '-1e308', '99999999999999999999']) {
        const res = await scim(
          app,
          server,
          'GET',
          `${server.base}/Users?filter=${encodeURIComponent(`${ACME}:costCode lt ${value}`)}`,
        );
        expect([value, res.status, res.body.totalResults]).toEqual([value, 200, value.startsWith('-') ? 0 : 1]);
      }
    });
  });

  describe('filtering and sorting on returned: never attributes', () => {
    it.each([
      ['password eq "correct horse battery"', 'password'],
      ['password pr', 'password'],
      ['userName pr and not (password sw "c")', 'password'],
      [`${ACME}:pin eq "1234"`, `${ACME}:pin`],
    ])(
      'refuses %s with 400 invalidFilter on lenient and strict servers, never echoing the value',
      async (filter, attribute) => {
        for (const target of [server, strict]) {
          const res = await scim(app, target, 'GET', `${target.base}/Users?filter=${encodeURIComponent(filter)}`);
          expect([res.status, res.body]).toEqual([
            400,
            scimError(
              400,
              `Attribute "${attribute}" cannot be used in a filter: its values are never returned ("returned": "never")`,
              'invalidFilter',
            ),
          ]);
          expect(res.text).not.toContain('correct horse');
          expect(res.text).not.toContain('1234');
        }
        const search = await scim(app, server, 'POST', `${server.base}/.search`, { schemas: [SEARCH], filter });
        expect([search.status, search.body.scimType]).toEqual([400, 'invalidFilter']);
      },
    );

    it('refuses sortBy=password with 400 invalidValue', async () => {
      const res = await scim(app, server, 'GET', `${server.base}/Users?sortBy=password`);
      expect([res.status, res.body]).toEqual([
        400,
        scimError(
          400,
          'Cannot sort by "password": its values are never returned ("returned": "never")',
          'invalidValue',
        ),
      ]);
    });
  });
});
