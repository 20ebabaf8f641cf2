import { createServer, CreatedServer, scim, scimError, userBody } from '../support/factories';
import { TestApp } from '../support/test-app';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Filtering, sorting, paging and projection of Users, answered by SQL on both engines. */
describe('Users: filter, sort, page, project', () => {
  let app: TestApp;
  let server: CreatedServer;
  const ids: Record<string, string> = {};

  const names = (res: { body: { Resources: { userName: string }[] } }) => res.body.Resources.map((u) => u.userName);
  const query = (q: string) => scim(app, server, 'GET', `${server.base}/Users?${q}`);
  const filter = (f: string, extra = '') => query(`filter=${encodeURIComponent(f)}&sortBy=userName${extra}`);

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
    const people = [
      userBody('alice@example.com', {
        externalId: 'A-1',
        displayName: 'Alice Archer',
        name: { givenName: 'Alice', familyName: 'Archer' },
        title: 'Engineer',
        emails: [
          { value: 'alice@work.example.com', type: 'work', primary: true },
          { value: 'alice@home.example.org', type: 'home' },
        ],
        [ENTERPRISE]: {
          department: 'R&D',
          employeeNumber: '100',
          manager: { value: '00000000-0000-4000-8000-000000000001' },
        },
      }),
      userBody('bob@example.com', {
        externalId: 'B-2',
        displayName: 'Bob Baker',
        active: false,
        name: { givenName: 'Bob', familyName: 'Baker' },
        title: 'Manager',
        emails: [{ value: 'BOB@WORK.example.com', type: 'work' }],
        [ENTERPRISE]: { department: 'Sales', employeeNumber: '200' },
      }),
      userBody('carol@example.com', {
        externalId: 'c-3',
        name: { givenName: 'Carol', familyName: 'Cole' },
        emails: [{ value: 'carol@home.example.org', type: 'home' }],
        nickName: '50%_off',
      }),
      userBody('dave@example.net', { displayName: 'Dave', title: 'engineer' }),
    ];
    for (const body of people) {
      const res = await scim(app, server, 'POST', `${server.base}/Users`, body);
      expect(res.status).toBe(201);
      ids[res.body.userName] = res.body.id;
    }
  });
  afterAll(() => app.close());

  it.each([
    ['userName eq "ALICE@example.com"', ['alice@example.com']],
    ['userName ne "alice@example.com"', ['bob@example.com', 'carol@example.com', 'dave@example.net']],
    ['userName co "EXAMPLE.COM"', ['alice@example.com', 'bob@example.com', 'carol@example.com']],
    ['userName sw "b"', ['bob@example.com']],
    ['userName ew ".net"', ['dave@example.net']],
    ['userName gt "bob@example.com"', ['carol@example.com', 'dave@example.net']],
    ['userName le "bob@example.com"', ['alice@example.com', 'bob@example.com']],
    ['externalId eq "c-3"', ['carol@example.com']],
    ['externalId eq "C-3"', []],
    ['displayName pr', ['alice@example.com', 'bob@example.com', 'dave@example.net']],
    ['active eq false', ['bob@example.com']],
    ['active eq true and title pr', ['alice@example.com', 'dave@example.net']],
    ['name.familyName eq "cole"', ['carol@example.com']],
    ['title eq "ENGINEER"', ['alice@example.com', 'dave@example.net']],
    ['emails.value eq "bob@work.example.com"', ['bob@example.com']],
    ['emails eq "carol@home.example.org"', ['carol@example.com']],
    ['emails[type eq "work" and value co "@work"]', ['alice@example.com', 'bob@example.com']],
    ['emails[type eq "home"]', ['alice@example.com', 'carol@example.com']],
    ['emails[type eq "work" and primary eq true]', ['alice@example.com']],
    ['emails.type eq "work" and not (emails.value ew ".org")', ['bob@example.com']],
    ['not (userName sw "a" or userName sw "b")', ['carol@example.com', 'dave@example.net']],
    ['userName sw "a" or userName sw "b" and active eq true', ['alice@example.com']],
    ['(userName sw "a" or userName sw "b") and active eq true', ['alice@example.com']],
    [`${ENTERPRISE}:department eq "sales"`, ['bob@example.com']],
    [`urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:EMPLOYEENUMBER ge "150"`, ['bob@example.com']],
    [`${ENTERPRISE}:manager.value pr`, ['alice@example.com']],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "c"', ['carol@example.com']],
    ['nickName co "%_"', ['carol@example.com']],
    ['nickName co "0%"', ['carol@example.com']],
    ['USERNAME Eq "dave@example.net"', ['dave@example.net']],
    [
      'meta.created gt "2000-01-01T00:00:00Z"',
      ['alice@example.com', 'bob@example.com', 'carol@example.com', 'dave@example.net'],
    ],
    ['meta.lastModified lt "2000-01-01T00:00:00Z"', []],
    ['title eq null', ['carol@example.com']],
    [`schemas eq "${ENTERPRISE}"`, ['alice@example.com', 'bob@example.com']],
    [
      'schemas eq "urn:ietf:params:scim:schemas:core:2.0:User" and not (schemas eq "' + ENTERPRISE + '")',
      ['carol@example.com', 'dave@example.net'],
    ],
    ['meta.resourceType eq "User"', ['alice@example.com', 'bob@example.com', 'carol@example.com', 'dave@example.net']],
    ['meta.version eq "W/\\"1\\""', ['alice@example.com', 'bob@example.com', 'carol@example.com', 'dave@example.net']],
    ['meta.created sw "20"', ['alice@example.com', 'bob@example.com', 'carol@example.com', 'dave@example.net']],
    ['emails.value ne "bob@work.example.com"', ['alice@example.com', 'carol@example.com', 'dave@example.net']],
  ])('filter %s', async (f, expected) => {
    const res = await filter(f);
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(expected);
    expect(res.body.totalResults).toBe(expected.length);
  });

  it('filters by id', async () => {
    const res = await filter(`id eq "${ids['bob@example.com']}"`);
    expect(names(res)).toEqual(['bob@example.com']);
    expect(names(await filter('id eq "not-a-uuid"'))).toEqual([]);
  });

  it.each([
    ['userName eq', /^Invalid filter at position/],
    ['userName equals "x"', /^Invalid filter at position 9/],
    ['nosuch eq "x"', /Unknown attribute "nosuch"/],
    ['emails[nosuch eq "x"]', /nosuch/],
    ['active eq "yes"', /active/],
    ['(userName eq "a"', /^Invalid filter/],
    ['urn:nope:Thing:attr eq "x"', /urn:nope:Thing/],
    ['meta.location eq "x"', '"meta.location" cannot be used in a filter'],
  ])('refuses the filter %s with 400 invalidFilter', async (f, detail) => {
    const res = await filter(f);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(scimError(400, detail, 'invalidFilter'));
  });

  it('sorts ascending and descending on columns and document attributes, id breaking ties', async () => {
    expect(names(await query('sortBy=userName&sortOrder=descending'))).toEqual([
      'dave@example.net',
      'carol@example.com',
      'bob@example.com',
      'alice@example.com',
    ]);
    expect(names(await query('sortBy=name.familyName'))).toEqual([
      'alice@example.com',
      'bob@example.com',
      'carol@example.com',
      'dave@example.net',
    ]);
    expect(names(await query('sortBy=name.familyName&sortOrder=descending'))).toEqual([
      'dave@example.net',
      'carol@example.com',
      'bob@example.com',
      'alice@example.com',
    ]);
    expect(names(await query('sortBy=emails.value'))).toEqual([
      'alice@example.com',
      'bob@example.com',
      'carol@example.com',
      'dave@example.net',
    ]);
    // Without a value, carol and dave sort first when descending (in id order between them).
    const byNumber = names(await query(`sortBy=${ENTERPRISE}:employeeNumber&sortOrder=descending`));
    expect(byNumber.slice(0, 2).sort()).toEqual(['carol@example.com', 'dave@example.net']);
    expect(byNumber.slice(2)).toEqual(['bob@example.com', 'alice@example.com']);
    const bad = await query('sortBy=nosuch');
    expect(bad.status).toBe(400);
    const order = await query('sortBy=userName&sortOrder=sideways');
    expect(order.body).toEqual(
      scimError(400, 'sortOrder must be "ascending" or "descending", not "sideways"', 'invalidValue'),
    );
  });

  it('pages with startIndex and count and exact totals', async () => {
    const page = await query('sortBy=userName&startIndex=2&count=2');
    expect(page.body).toMatchObject({ schemas: [LIST], totalResults: 4, startIndex: 2, itemsPerPage: 2 });
    expect(names(page)).toEqual(['bob@example.com', 'carol@example.com']);
    const past = await query('sortBy=userName&startIndex=10');
    expect(past.body).toEqual({ schemas: [LIST], totalResults: 4, startIndex: 10, itemsPerPage: 0, Resources: [] });
  });

  it('projects with attributes and excludedAttributes; id and schemas always come back', async () => {
    const res = await filter(
      'userName eq "alice@example.com"',
      `&attributes=${encodeURIComponent('userName,name.givenName,emails.value')}`,
    );
    expect(res.body.Resources).toEqual([
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
        id: ids['alice@example.com'],
        userName: 'alice@example.com',
        name: { givenName: 'Alice' },
        emails: [{ value: 'alice@work.example.com' }, { value: 'alice@home.example.org' }],
      },
    ]);
    const excluded = await filter(
      'userName eq "alice@example.com"',
      `&excludedAttributes=${encodeURIComponent(`emails,meta,${ENTERPRISE}`)}`,
    );
    const user = excluded.body.Resources[0];
    expect(user.emails).toBeUndefined();
    expect(user.meta).toBeUndefined();
    expect(user[ENTERPRISE]).toBeUndefined();
    expect(user.name).toEqual({ givenName: 'Alice', familyName: 'Archer' });
    const one = await scim(
      app,
      server,
      'GET',
      `${server.base}/Users/${ids['alice@example.com']}?attributes=displayName`,
    );
    expect(one.body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
      id: ids['alice@example.com'],
      displayName: 'Alice Archer',
    });
    const unknown = await scim(
      app,
      server,
      'GET',
      `${server.base}/Users/${ids['alice@example.com']}?attributes=nosuch`,
    );
    expect(unknown.status).toBe(400);
  });

  it('pages by cursor (RFC 9865): no skips, no repeats, back and forth, bound to its query', async () => {
    const first = await query('cursor&count=3&sortBy=userName');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      schemas: [LIST],
      totalResults: 4,
      itemsPerPage: 3,
      nextCursor: expect.any(String),
    });
    expect(first.body.startIndex).toBeUndefined();
    expect(first.body.previousCursor).toBeUndefined();
    expect(names(first)).toEqual(['alice@example.com', 'bob@example.com', 'carol@example.com']);

    // A user created meanwhile before the cursor position does not shift the next page.
    await scim(app, server, 'POST', `${server.base}/Users`, userBody('aaron@example.com'));
    const second = await query(`cursor=${first.body.nextCursor}&count=3&sortBy=userName`);
    expect(names(second)).toEqual(['dave@example.net']);
    expect(second.body.nextCursor).toBeUndefined();
    expect(second.body.totalResults).toBe(5);
    const back = await query(`cursor=${second.body.previousCursor}&count=3&sortBy=userName`);
    expect(names(back)).toEqual(['alice@example.com', 'bob@example.com', 'carol@example.com']);
    expect(back.body.nextCursor).toEqual(expect.any(String));
    expect(names(await query(`cursor=${back.body.previousCursor}&count=3&sortBy=userName`))).toEqual([
      'aaron@example.com',
    ]);

    const byCreation = await query('cursor=&count=2');
    const next = await query(`cursor=${byCreation.body.nextCursor}&count=2`);
    const last = await query(`cursor=${next.body.nextCursor}&count=2`);
    const all = [...names(byCreation), ...names(next), ...names(last)];
    expect(all).toEqual([
      'alice@example.com',
      'bob@example.com',
      'carol@example.com',
      'dave@example.net',
      'aaron@example.com',
    ]);

    const descending = await query('cursor&count=2&sortBy=name.familyName&sortOrder=descending');
    const rest = await query(
      `cursor=${descending.body.nextCursor}&count=10&sortBy=name.familyName&sortOrder=descending`,
    );
    expect([...names(descending), ...names(rest)].sort()).toEqual([
      'aaron@example.com',
      'alice@example.com',
      'bob@example.com',
      'carol@example.com',
      'dave@example.net',
    ]);
    expect([...names(descending), ...names(rest)].slice(-3)).toEqual([
      'carol@example.com',
      'bob@example.com',
      'alice@example.com',
    ]);

    const wrongQuery = await query(`cursor=${first.body.nextCursor}&count=3&sortBy=title`);
    expect(wrongQuery.body).toEqual(
      scimError(
        400,
        'The cursor belongs to a different filter or sort order: start again without a cursor',
        'invalidCursor',
      ),
    );
    const garbage = await query('cursor=bm90LWEtY3Vyc29y&count=3');
    expect(garbage.body).toEqual(scimError(400, /^The cursor is not one this server issued/, 'invalidCursor'));
    const both = await query('cursor&startIndex=2');
    expect(both.body).toEqual(
      scimError(400, 'Use either startIndex (index paging) or cursor (cursor paging), not both', 'invalidValue'),
    );
    const aaron = (await filter('userName eq "aaron@example.com"')).body.Resources[0];
    expect((await scim(app, server, 'DELETE', `${server.base}/Users/${aaron.id}`)).status).toBe(204);
  });

  it('searches with POST /.search', async () => {
    const res = await scim(app, server, 'POST', `${server.base}/Users/.search`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'title pr',
      sortBy: 'userName',
      sortOrder: 'descending',
      attributes: ['userName'],
      startIndex: 1,
      count: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      schemas: [LIST],
      totalResults: 3,
      startIndex: 1,
      itemsPerPage: 1,
      Resources: [{ schemas: expect.any(Array), id: ids['dave@example.net'], userName: 'dave@example.net' }],
    });
    const bad = await scim(app, server, 'POST', `${server.base}/Users/.search`, { filter: 'title pr' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(
      scimError(400, '"schemas" must contain "urn:ietf:params:scim:api:messages:2.0:SearchRequest"', 'invalidSyntax'),
    );
  });

  it('searches Users and Groups together with POST /.search at the server root', async () => {
    const own = await createServer(app);
    const alpha = (
      await scim(app, own, 'POST', `${own.base}/Users`, userBody('alpha@example.com', { displayName: 'Alpha' }))
    ).body;
    const beta = (
      await scim(app, own, 'POST', `${own.base}/Users`, userBody('beta@example.com', { displayName: 'Beta' }))
    ).body;
    const team = (
      await scim(app, own, 'POST', `${own.base}/Groups`, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Alpha team',
      })
    ).body;
    const search = (body: Record<string, unknown>) =>
      scim(app, own, 'POST', `${own.base}/.search`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        ...body,
      });
    const all = await search({ filter: 'displayName sw "alpha"' });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ schemas: [LIST], totalResults: 2, startIndex: 1, itemsPerPage: 2 });
    expect(all.body.Resources.map((r: { id: string }) => r.id)).toEqual([alpha.id, team.id]);
    const second = await search({ filter: 'displayName pr', startIndex: 2, count: 2 });
    expect(second.body.totalResults).toBe(3);
    expect(second.body.Resources.map((r: { id: string }) => r.id)).toEqual([beta.id, team.id]);
    const usersOnly = await search({ filter: 'userName sw "b"' });
    expect(usersOnly.body.Resources.map((r: { id: string }) => r.id)).toEqual([beta.id]);
    const unknown = await search({ filter: 'nosuch eq "x"' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.scimType).toBe('invalidFilter');
  });

  it('never mixes servers: the same filter on another server finds nothing', async () => {
    const other = await createServer(app);
    const res = await scim(
      app,
      other,
      'GET',
      `${other.base}/Users?filter=${encodeURIComponent('userName eq "alice@example.com"')}`,
    );
    expect(res.body.totalResults).toBe(0);
  });
});
