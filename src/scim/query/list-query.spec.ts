import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { Leniency } from '../compat/leniency';
import { parseFilter } from '../filter';
import { GROUP_RESOURCE, USER_RESOURCE } from '../resource';
import { listQueryFromSearch, listQueryFromUrl, ListQuery, projectionFromUrl } from './list-query';

const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const NO_PROJECTION = { attributes: undefined, excludedAttributes: undefined };
const DEFAULTS: ListQuery = {
  filter: undefined,
  sortBy: undefined,
  sortOrder: 'ascending',
  startIndex: 1,
  count: 100,
  projection: NO_PROJECTION,
};
const search = (over: Record<string, unknown>) => listQueryFromSearch({ schemas: [SEARCH], ...over }, USER_RESOURCE);

describe('listQueryFromUrl', () => {
  it('defaults to startIndex 1, count 100, ascending, no cursor', () => {
    const query = listQueryFromUrl({}, USER_RESOURCE);
    expect(query).toEqual(DEFAULTS);
    expect('cursor' in query).toBe(false);
  });

  it.each([
    [{ startIndex: '5', count: '10' }, 5, 10],
    [{ startIndex: '0' }, 1, 100],
    [{ startIndex: '-7' }, 1, 100],
    [{ count: '0' }, 1, 0],
    [{ count: '-1' }, 1, 0],
    [{ count: '1000' }, 1, 1000],
    [{ count: '1001' }, 1, 1000],
    [{ count: '999999999999999' }, 1, 1000],
    [{ STARTINDEX: ' 3 ', Count: '2' }, 3, 2],
    [{ startindex: '2', COUNT: '7' }, 2, 7],
    [{ startIndex: '1234567890123456' }, 1234567890123456, 100],
    [{ startIndex: '99999999999999999999', count: '-99999999999999999999' }, Number.MAX_SAFE_INTEGER, 0],
    [{ startIndex: '-99999999999999999999', count: '+99999999999999999999' }, 1, 1000],
  ])('clamps paging %j to startIndex %i, count %i', (params, startIndex, count) => {
    expect(listQueryFromUrl(params, USER_RESOURCE)).toEqual({ ...DEFAULTS, startIndex, count });
  });

  it.each([
    [{ count: 'ten' }, 'count'],
    [{ count: '1.5' }, 'count'],
    [{ count: '1e3' }, 'count'],
    [{ count: '' }, 'count'],
    [{ startIndex: '0x10' }, 'startIndex'],
    [{ startIndex: '1e308' }, 'startIndex'],
    [{ startIndex: 'NaN' }, 'startIndex'],
    [{ count: 'Infinity' }, 'count'],
  ])('refuses the non-integer %j', (params, name) => {
    expect(thrown(() => listQueryFromUrl(params, USER_RESOURCE))).toEqual([
      400,
      'invalidValue',
      `Query parameter ${name} must be an integer`,
    ]);
  });

  it.each([
    [{ sortOrder: 'descending' }, 'descending'],
    [{ sortOrder: 'DESCENDING' }, 'descending'],
    [{ SortOrder: 'Ascending' }, 'ascending'],
    [{ sortOrder: '' }, 'ascending'],
  ] as const)('reads sortOrder %j', (params, sortOrder) => {
    expect(listQueryFromUrl(params, USER_RESOURCE)).toEqual({ ...DEFAULTS, sortOrder });
  });

  it.each(['asc', 'desc', 'up', ' descending'])('refuses sortOrder %j', (sortOrder) => {
    expect(thrown(() => listQueryFromUrl({ sortOrder }, USER_RESOURCE))).toEqual([
      400,
      'invalidValue',
      `sortOrder must be "ascending" or "descending", not "${sortOrder}"`,
    ]);
  });

  it('parses filter and sortBy', () => {
    const filter = 'userName sw "b" and emails[type eq "work"]';
    expect(listQueryFromUrl({ FILTER: filter, sortby: ' name.familyName ' }, USER_RESOURCE)).toEqual({
      ...DEFAULTS,
      filter: parseFilter(filter),
      sortBy: { attr: 'name', sub: 'familyName', pos: 0, text: 'name.familyName' },
    });
  });

  it('parses a URN-qualified sortBy', () => {
    expect(listQueryFromUrl({ sortBy: `${ENT}:manager.value` }, USER_RESOURCE).sortBy).toEqual({
      uri: ENT,
      attr: 'manager',
      sub: 'value',
      pos: 0,
      text: `${ENT}:manager.value`,
    });
  });

  it("reads Entra's unqualified manager in sortBy and attributes as the enterprise extension's, recorded; a strict server keeps it unqualified", () => {
    const lenient = new Leniency();
    const query = listQueryFromUrl(
      { sortBy: 'manager.value', attributes: 'manager,userName', excludedAttributes: 'Manager' },
      USER_RESOURCE,
      lenient,
    );
    expect(query.sortBy).toEqual({ uri: ENT, attr: 'manager', sub: 'value', pos: 0, text: 'manager.value' });
    expect(query.projection).toEqual({
      attributes: [`${ENT}:manager`, 'userName'],
      excludedAttributes: [`${ENT}:manager`],
    });
    expect(lenient.applied).toEqual(['unqualified-extension-attribute']);
    const strict = new Leniency(true);
    expect(listQueryFromUrl({ sortBy: 'manager' }, USER_RESOURCE, strict).sortBy).toEqual({
      attr: 'manager',
      pos: 0,
      text: 'manager',
    });
    expect(thrown(() => listQueryFromUrl({ attributes: 'manager' }, USER_RESOURCE, new Leniency(true)))).toEqual([
      400,
      'invalidValue',
      'Unknown attribute "manager" in attributes',
    ]);
    // Other unqualified extension names stay unknown, as before.
    expect(thrown(() => listQueryFromUrl({ attributes: 'department' }, USER_RESOURCE, new Leniency()))).toEqual([
      400,
      'invalidValue',
      'Unknown attribute "department" in attributes',
    ]);
  });

  it.each([{ filter: '' }, { filter: '   ' }, { sortBy: '' }, { sortBy: ' ' }])('ignores the blank %j', (params) => {
    expect(listQueryFromUrl(params, USER_RESOURCE)).toEqual(DEFAULTS);
  });

  it.each([
    [
      { filter: 'userName eq' },
      'Invalid filter at position 11: expected a value (a quoted string, a number, true, false or null) after "eq", found the end of the filter',
    ],
    [
      { sortBy: 'name..x' },
      'Invalid sortBy "name..x": "name..x" is not a valid attribute path: at most one sub-attribute may follow the attribute name',
      'invalidValue',
    ],
    [
      { sortBy: 'a:b' },
      'Invalid sortBy "a:b": "a:b" is not a valid attribute path: ":" may only end a schema URN ("urn:…")',
      'invalidValue',
    ],
  ])('refuses the malformed %j', (params, detail, scimType = 'invalidFilter') => {
    expect(thrown(() => listQueryFromUrl(params, USER_RESOURCE))).toEqual([400, scimType, detail]);
  });

  it.each([
    [{ cursor: '' }, ''],
    [{ cursor: '  ' }, ''],
    [{ Cursor: ' abc ' }, 'abc'],
    [{ cursor: 'abc', count: '5' }, 'abc'],
  ])('reads cursor paging %j', (params, cursor) => {
    expect(listQueryFromUrl(params, USER_RESOURCE).cursor).toBe(cursor);
  });

  it.each([
    { cursor: '', startIndex: '1' },
    { cursor: 'abc', STARTINDEX: '3' },
  ])('refuses cursor with startIndex %j', (params) => {
    expect(thrown(() => listQueryFromUrl(params, USER_RESOURCE))).toEqual([
      400,
      'invalidValue',
      'Use either startIndex (index paging) or cursor (cursor paging), not both',
    ]);
  });

  it.each([
    ['count', { count: ['1', '2'] }],
    ['filter', { filter: ['userName pr', 'active pr'] }],
    ['sortBy', { sortBy: ['userName', 'id'] }],
    ['cursor', { cursor: ['', 'x'] }],
    ['attributes', { attributes: ['userName', 'id'] }],
  ])('refuses %s given twice', (name, params) => {
    expect(thrown(() => listQueryFromUrl(params, USER_RESOURCE))).toEqual([
      400,
      'invalidValue',
      `Query parameter ${name} is given more than once`,
    ]);
  });

  it('resolves attributes and excludedAttributes against the resource type', () => {
    expect(
      listQueryFromUrl(
        { attributes: 'USERNAME, name.givenName', EXCLUDEDATTRIBUTES: `${ENT.toLowerCase()}:department,emails` },
        USER_RESOURCE,
      ).projection,
    ).toEqual({
      attributes: ['userName', 'name.givenName'],
      excludedAttributes: [`${ENT}:department`, 'emails'],
    });
    expect(thrown(() => listQueryFromUrl({ attributes: 'userName' }, GROUP_RESOURCE))).toEqual([
      400,
      'invalidValue',
      'Unknown attribute "userName" in attributes',
    ]);
  });
});

describe('projectionFromUrl', () => {
  it.each([
    [{}, NO_PROJECTION],
    [{ attributes: '' }, NO_PROJECTION],
    [
      { Attributes: 'displayName,members.value' },
      { attributes: ['displayName', 'members.value'], excludedAttributes: undefined },
    ],
    [{ excludedattributes: 'members' }, { attributes: undefined, excludedAttributes: ['members'] }],
    [{ filter: 'ignored', count: 'x' }, NO_PROJECTION],
  ])('%j', (params, projection) => {
    expect(projectionFromUrl(params, GROUP_RESOURCE)).toEqual(projection);
  });

  it.each([
    [{ attributes: 'nope' }, [400, 'invalidValue', 'Unknown attribute "nope" in attributes']],
    [{ excludedAttributes: 'nope' }, [400, 'invalidValue', 'Unknown attribute "nope" in excludedAttributes']],
    [{ attributes: ['a', 'b'] }, [400, 'invalidValue', 'Query parameter attributes is given more than once']],
  ])('refuses %j', (params, error) => {
    expect(thrown(() => projectionFromUrl(params, GROUP_RESOURCE))).toEqual(error);
  });
});

describe('listQueryFromSearch', () => {
  it('reads a full SearchRequest', () => {
    expect(
      search({
        attributes: ['userName', 'Name.GivenName'],
        excludedAttributes: 'emails',
        filter: 'userName sw "j"',
        sortBy: 'meta.created',
        sortOrder: 'DESCENDING',
        startIndex: 3,
        count: 20,
      }),
    ).toEqual({
      filter: parseFilter('userName sw "j"'),
      sortBy: { attr: 'meta', sub: 'created', pos: 0, text: 'meta.created' },
      sortOrder: 'descending',
      startIndex: 3,
      count: 20,
      projection: { attributes: ['userName', 'name.givenName'], excludedAttributes: ['emails'] },
    });
  });

  it.each([
    [{}, DEFAULTS],
    [{ startIndex: null, count: null, filter: null, attributes: null }, DEFAULTS],
    [
      { startIndex: 0, count: -3 },
      { ...DEFAULTS, startIndex: 1, count: 0 },
    ],
    [{ count: 5000 }, { ...DEFAULTS, count: 1000 }],
    [
      { STARTINDEX: 4, Count: 2 },
      { ...DEFAULTS, startIndex: 4, count: 2 },
    ],
    [{ attributes: [] }, DEFAULTS],
  ])('applies defaults and limits to %j', (over, expected) => {
    expect(search(over)).toEqual(expected);
  });

  it.each([
    [{ cursor: '' }, ''],
    [{ cursor: ' c1 ', count: 10 }, 'c1'],
  ])('reads cursor paging %j', (over, cursor) => {
    expect(search(over).cursor).toBe(cursor);
  });

  it.each([
    [{ startIndex: 1e308, count: 1e308 }, Number.MAX_SAFE_INTEGER, 1000],
    [{ startIndex: -1e308, count: -1e308 }, 1, 0],
    [{ startIndex: 1e20, count: 1e20 }, Number.MAX_SAFE_INTEGER, 1000],
  ])('clamps SearchRequest paging %j to startIndex %d, count %d (RFC 7644 §3.4.2.4)', (over, startIndex, count) => {
    expect([search(over).startIndex, search(over).count]).toEqual([startIndex, count]);
  });

  it.each([{ schemas: [SEARCH.toUpperCase()] }, { Schemas: ['x', SEARCH] }])('accepts schemas %j', (body) => {
    expect(listQueryFromSearch(body, USER_RESOURCE)).toEqual(DEFAULTS);
  });

  it.each<[string, unknown, [number, string, string]]>([
    ['an array', [], [400, 'invalidSyntax', 'The request body must be a SearchRequest JSON object']],
    ['null', null, [400, 'invalidSyntax', 'The request body must be a SearchRequest JSON object']],
    ['a string', 'filter=x', [400, 'invalidSyntax', 'The request body must be a SearchRequest JSON object']],
    ['no schemas', { count: 1 }, [400, 'invalidSyntax', `"schemas" must contain "${SEARCH}"`]],
    ['a string schemas', { schemas: SEARCH }, [400, 'invalidSyntax', `"schemas" must contain "${SEARCH}"`]],
    [
      'another schema',
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] },
      [400, 'invalidSyntax', `"schemas" must contain "${SEARCH}"`],
    ],
    ['a string count', { schemas: [SEARCH], count: '10' }, [400, 'invalidValue', '"count" must be an integer']],
    [
      'a fractional startIndex',
      { schemas: [SEARCH], startIndex: 1.5 },
      [400, 'invalidValue', '"startIndex" must be an integer'],
    ],
    ['a numeric filter', { schemas: [SEARCH], filter: 5 }, [400, 'invalidValue', '"filter" must be a string']],
    [
      'an array sortBy',
      { schemas: [SEARCH], sortBy: ['userName'] },
      [400, 'invalidValue', '"sortBy" must be a string'],
    ],
    ['a numeric cursor', { schemas: [SEARCH], cursor: 1 }, [400, 'invalidValue', '"cursor" must be a string']],
    [
      'mixed attributes',
      { schemas: [SEARCH], attributes: ['userName', 1] },
      [400, 'invalidValue', '"attributes" must be an array of attribute names'],
    ],
    [
      'an object excludedAttributes',
      { schemas: [SEARCH], excludedAttributes: { a: 1 } },
      [400, 'invalidValue', '"excludedAttributes" must be an array of attribute names'],
    ],
    [
      'an unknown attribute',
      { schemas: [SEARCH], attributes: ['nope'] },
      [400, 'invalidValue', 'Unknown attribute "nope" in attributes'],
    ],
    [
      'a bad sortOrder',
      { schemas: [SEARCH], sortOrder: 'down' },
      [400, 'invalidValue', 'sortOrder must be "ascending" or "descending", not "down"'],
    ],
    [
      'cursor with startIndex',
      { schemas: [SEARCH], cursor: '', startIndex: 1 },
      [400, 'invalidValue', 'Use either startIndex (index paging) or cursor (cursor paging), not both'],
    ],
  ])('refuses %s', (_, body, error) => {
    expect(thrown(() => listQueryFromSearch(body, USER_RESOURCE))).toEqual(error);
  });

  it('refuses a malformed filter as invalidFilter', () => {
    expect(thrown(() => search({ filter: 'userName eq' })).slice(0, 2)).toEqual([400, 'invalidFilter']);
  });
});
