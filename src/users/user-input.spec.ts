import { thrownScimError as thrown } from '../../test/support/thrown-scim-error';
import { optionalString, parseUserInput } from './user-input';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';


describe('parseUserInput', () => {
  it('does not read a missing attribute from an empty-string key', () => {
    const input = parseUserInput({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'bob', '': 'x' });
    expect(input).toMatchObject({ userName: 'bob', active: true, externalId: null });
    expect(() => parseUserInput({ '': ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'bob' })).toThrow(
      '"schemas" must contain "urn:ietf:params:scim:schemas:core:2.0:User"',
    );
  });

  it('splits a full body into columns and data', () => {
    const body = {
      schemas: [USER, ENTERPRISE],
      id: 'client-chosen',
      meta: { resourceType: 'User' },
      userName: 'bjensen',
      externalId: 'ext-1',
      displayName: 'Babs Jensen',
      active: false,
      password: 't1meMa$heen',
      groups: [{ value: 'g1' }],
      name: { givenName: 'Barbara', familyName: 'Jensen' },
      emails: [{ value: 'bjensen@example.com', primary: true }],
      nickName: null,
      [ENTERPRISE]: { employeeNumber: '701984' },
    };
    expect(parseUserInput(body)).toEqual({
      userName: 'bjensen',
      externalId: 'ext-1',
      displayName: 'Babs Jensen',
      active: false,
      password: 't1meMa$heen',
      data: {
        name: { givenName: 'Barbara', familyName: 'Jensen' },
        emails: [{ value: 'bjensen@example.com', primary: true }],
        [ENTERPRISE]: { employeeNumber: '701984' },
      },
    });
  });

  it('fills the defaults of a minimal body', () => {
    expect(parseUserInput({ schemas: [USER], userName: 'alice' })).toEqual({
      userName: 'alice',
      externalId: null,
      displayName: null,
      active: true,
      password: null,
      data: {},
    });
  });

  it('treats null optional attributes as absent', () => {
    expect(parseUserInput({ schemas: [USER], userName: 'a', externalId: null, displayName: null, active: null, password: null })).toEqual({
      userName: 'a',
      externalId: null,
      displayName: null,
      active: true,
      password: null,
      data: {},
    });
  });

  it('matches attribute names and the schema URN case-insensitively', () => {
    const body = {
      SCHEMAS: [USER.toUpperCase()],
      USERNAME: 'Bob',
      ExternalID: 'e',
      DISPLAYNAME: 'Bobby',
      Active: true,
      PASSWORD: 'pw',
      ID: 'x',
      Meta: {},
      Groups: [],
      Title: 'Boss',
    };
    expect(parseUserInput(body)).toEqual({
      userName: 'Bob',
      externalId: 'e',
      displayName: 'Bobby',
      active: true,
      password: 'pw',
      data: { Title: 'Boss' },
    });
  });

  it.each([
    ['an array', []],
    ['null', null],
    ['a string', 'bjensen'],
    ['a number', 42],
    ['undefined', undefined],
  ])('refuses %s as body', (_label, body) => {
    expect(thrown(() => parseUserInput(body))).toEqual([400, 'invalidSyntax', 'The request body must be a JSON object (a SCIM User)']);
  });

  it.each([
    ['missing', { userName: 'a' }],
    ['not an array', { schemas: USER, userName: 'a' }],
    ['empty', { schemas: [], userName: 'a' }],
    ['the Group schema only', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], userName: 'a' }],
    ['the extension only', { schemas: [ENTERPRISE], userName: 'a' }],
  ])('refuses schemas %s', (_label, body) => {
    expect(thrown(() => parseUserInput(body))).toEqual([400, 'invalidSyntax', `"schemas" must contain "${USER}"`]);
  });

  it.each([
    ['missing', {}],
    ['empty', { userName: '' }],
    ['blank', { userName: '   ' }],
    ['a number', { userName: 7 }],
    ['null', { userName: null }],
  ])('refuses a userName that is %s', (_label, extra) => {
    expect(thrown(() => parseUserInput({ schemas: [USER], ...extra }))).toEqual([
      400,
      'invalidValue',
      'userName is required and must be a non-empty string',
    ]);
  });

  it.each([['true'], [1], [{}]])('refuses active=%j', (active) => {
    expect(thrown(() => parseUserInput({ schemas: [USER], userName: 'a', active }))).toEqual([400, 'invalidValue', 'active must be a boolean']);
  });

  it.each([
    ['externalId', 42],
    ['displayName', { formatted: 'x' }],
    ['password', true],
  ])('refuses a non-string %s', (name, value) => {
    expect(thrown(() => parseUserInput({ schemas: [USER], userName: 'a', [name]: value }))).toEqual([
      400,
      'invalidValue',
      `${name} must be a string`,
    ]);
  });
});

describe('optionalString', () => {
  it.each([
    [undefined, null],
    [null, null],
    ['', ''],
    ['x', 'x'],
  ])('reads %j as %j', (value, expected) => {
    expect(optionalString(value, 'nickName')).toBe(expected);
  });

  it('names the attribute in the error', () => {
    expect(thrown(() => optionalString(['x'], 'nickName'))).toEqual([400, 'invalidValue', 'nickName must be a string']);
  });
});
