import { thrownScimError as thrown } from '../../test/support/thrown-scim-error';
import { parseGroupInput } from './group-input';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ID1 = '2819c223-7f76-453a-919d-413861904646';
const ID2 = '902c246b-6245-4190-8e05-00816be7344a';


describe('parseGroupInput', () => {
  it('does not read a missing attribute from an empty-string key', () => {
    expect(() => parseGroupInput({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], '': 'Admins' })).toThrow(
      'displayName is required and must be a non-empty string',
    );
  });

  it('splits a full body into columns, member ids and data', () => {
    const body = {
      schemas: [GROUP],
      id: 'x',
      meta: { resourceType: 'Group' },
      displayName: 'Tour Guides',
      externalId: 'ext-g',
      members: [{ value: ID1, display: 'Babs' }, { value: ID2 }],
      description: null,
      'urn:example:ext:1.0:Group': { costCenter: '42' },
      labels: ['a'],
    };
    expect(parseGroupInput(body)).toEqual({
      displayName: 'Tour Guides',
      externalId: 'ext-g',
      memberIds: [ID1, ID2],
      data: { 'urn:example:ext:1.0:Group': { costCenter: '42' }, labels: ['a'] },
    });
  });

  it('fills the defaults of a minimal body', () => {
    expect(parseGroupInput({ schemas: [GROUP], displayName: 'G' })).toEqual({ displayName: 'G', externalId: null, memberIds: [], data: {} });
  });

  it('matches attribute names case-insensitively', () => {
    expect(
      parseGroupInput({ Schemas: [GROUP.toLowerCase()], DISPLAYNAME: 'G', EXTERNALID: 'e', Members: [{ value: ID1 }], ID: 'x', Note: 'n' }),
    ).toEqual({ displayName: 'G', externalId: 'e', memberIds: [ID1], data: { Note: 'n' } });
  });

  it('lower-cases member ids and removes duplicates, keeping the first order', () => {
    const members = [{ value: ID2.toUpperCase() }, { value: ID1 }, { value: ID2 }, { value: ID1.toUpperCase() }];
    expect(parseGroupInput({ schemas: [GROUP], displayName: 'G', members }).memberIds).toEqual([ID2, ID1]);
  });

  it.each([[null], [[]]])('reads members=%j as no members', (members) => {
    expect(parseGroupInput({ schemas: [GROUP], displayName: 'G', members }).memberIds).toEqual([]);
  });

  it.each([['x'], [{ value: ID1 }], [42]])('refuses members=%j that is not an array', (members) => {
    expect(thrown(() => parseGroupInput({ schemas: [GROUP], displayName: 'G', members }))).toEqual([
      400,
      'invalidValue',
      'members must be an array of {"value": "<id>"}',
    ]);
  });

  it.each([
    [[{ value: 'not-a-uuid' }], 0],
    [[{ value: ID1 }, { value: 42 }], 1],
    [[{ value: ID1 }, { value: ID2 }, {}], 2],
    [[{ value: ID1 }, null], 1],
    [[ID1], 0],
    [[{ value: `${ID1}x` }], 0],
  ])('refuses members %j naming the bad index %i', (members, index) => {
    expect(thrown(() => parseGroupInput({ schemas: [GROUP], displayName: 'G', members }))).toEqual([
      400,
      'invalidValue',
      `members[${index}].value must be the id of a User or Group of this server`,
    ]);
  });

  it.each([
    ['an array', []],
    ['null', null],
    ['a string', 'group'],
  ])('refuses %s as body', (_label, body) => {
    expect(thrown(() => parseGroupInput(body))).toEqual([400, 'invalidSyntax', 'The request body must be a JSON object (a SCIM Group)']);
  });

  it.each([
    ['missing', { displayName: 'G' }],
    ['the User schema', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], displayName: 'G' }],
    ['a string', { schemas: GROUP, displayName: 'G' }],
  ])('refuses schemas %s', (_label, body) => {
    expect(thrown(() => parseGroupInput(body))).toEqual([400, 'invalidSyntax', `"schemas" must contain "${GROUP}"`]);
  });

  it.each([[{}], [{ displayName: '' }], [{ displayName: ' ' }], [{ displayName: 1 }]])('refuses displayName in %j', (extra) => {
    expect(thrown(() => parseGroupInput({ schemas: [GROUP], ...extra }))).toEqual([
      400,
      'invalidValue',
      'displayName is required and must be a non-empty string',
    ]);
  });

  it('refuses a non-string externalId', () => {
    expect(thrown(() => parseGroupInput({ schemas: [GROUP], displayName: 'G', externalId: 5 }))).toEqual([
      400,
      'invalidValue',
      'externalId must be a string',
    ]);
  });
});
