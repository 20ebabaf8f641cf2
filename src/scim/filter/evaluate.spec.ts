import { attr, complex } from '../schemas/attribute';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schemas';
import { AttributeDefinition } from '../schemas/types';
import { COMMON_ATTRIBUTES, findByName } from './binder';
import { matches } from './evaluate';
import { parseFilter } from './parser';
import { parsePath } from './path-parser';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const EMAIL_ATTRIBUTES = findByName(USER_SCHEMA.attributes, 'emails')?.subAttributes ?? [];
const USER_ATTRIBUTES: readonly AttributeDefinition[] = [...USER_SCHEMA.attributes, ...COMMON_ATTRIBUTES];

const WIDGET_ATTRIBUTES: readonly AttributeDefinition[] = [
  attr('code', { caseExact: true }),
  attr('label'),
  attr('count', { type: 'integer' }),
  attr('price', { type: 'decimal' }),
  attr('enabled', { type: 'boolean' }),
  attr('blob', { type: 'binary' }),
  attr('tags', { multiValued: true }),
  attr('seen', { type: 'dateTime' }),
  complex('size', [attr('width', { type: 'integer' }), attr('unit')]),
];
const widget = {
  code: 'AbC',
  Label: 'Hello World',
  count: 3,
  price: 9.5,
  enabled: false,
  blob: 'AAEC',
  tags: ['red', 'Green'],
  seen: '2011-05-13T06:42:34+02:00',
  size: { width: 2, unit: 'cm' },
};
const onWidget = (filter: string) => matches(parseFilter(filter), widget, WIDGET_ATTRIBUTES);

const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: '2819c223',
  userName: 'bjensen',
  userType: 'Employee',
  active: true,
  name: { familyName: "O'Malley", givenName: 'Barbara' },
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  ims: [{ value: 'babs@foo.com', type: 'xmpp' }],
  meta: { created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z' },
  [ENTERPRISE]: { employeeNumber: '701984', manager: { value: '26118915' } },
};
const onUser = (filter: string) => matches(parseFilter(filter), user, USER_ATTRIBUTES);

describe('matches: one multi-valued element, as the PATCH engine uses it', () => {
  const work = { value: 'Bjensen@Example.com', type: 'work', primary: true };
  const home = { value: 'babs@jensen.org', type: 'home' };
  const select = (path: string) => {
    const filter = parsePath(path).filter;
    if (filter === undefined) throw new Error('no filter');
    return [work, home].filter((email) => matches(filter, email, EMAIL_ATTRIBUTES));
  };

  it('selects the elements a value path designates', () => {
    expect(select('emails[type eq "work"]')).toEqual([work]);
    expect(select('emails[TYPE eq "HOME"].value')).toEqual([home]);
    expect(select('emails[type eq "work" or value ew ".org"]')).toEqual([work, home]);
    expect(select('emails[not (primary eq true)]')).toEqual([home]);
    expect(select('emails[primary pr and value co "@example.com"]')).toEqual([work]);
    expect(select('emails[display pr]')).toEqual([]);
  });

  it('matches attribute names case-insensitively', () => {
    expect(matches(parseFilter('TYPE eq "work"'), { Type: 'WORK' }, EMAIL_ATTRIBUTES)).toBe(true);
  });
});

describe('matches: operators and types', () => {
  it.each<[string, boolean]>([
    ['label eq "hello world"', true],
    ['label ne "hello world"', false],
    ['label co "LO wo"', true],
    ['label co "xyz"', false],
    ['label sw "hello"', true],
    ['label sw "world"', false],
    ['label ew "WORLD"', true],
    ['label ew "hello"', false],
    ['label gt "hello"', true],
    ['label ge "HELLO WORLD"', true],
    ['label lt "hello world"', false],
    ['label le "HELLO WORLD"', true],
    ['code eq "AbC"', true],
    ['code eq "abc"', false],
    ['code ne "abc"', true],
    ['code sw "Ab"', true],
    ['code sw "ab"', false],
    ['code gt "ABC"', true],
    ['blob eq "AAEC"', true],
    ['blob eq "aaec"', false],
  ])('strings: %s is %s', (filter, expected) => {
    expect(onWidget(filter)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['count eq 3', true],
    ['count ne 3', false],
    ['count gt 2', true],
    ['count gt 3', false],
    ['count ge 3', true],
    ['count lt 3.5', true],
    ['count le 2', false],
    ['price gt 9.25', true],
    ['price eq 9.5', true],
    ['count eq "3"', false],
    ['enabled eq false', true],
    ['enabled eq true', false],
    ['enabled ne true', true],
    ['enabled eq "false"', false],
  ])('numbers and booleans: %s is %s', (filter, expected) => {
    expect(onWidget(filter)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['seen eq "2011-05-13T04:42:34Z"', true],
    ['seen eq "2011-05-13T04:42:34.000+00:00"', true],
    ['seen gt "2011-05-13T04:42:33Z"', true],
    ['seen gt "2011-05-13T05:00:00+01:00"', true],
    ['seen lt "2011-05-13T04:42:34Z"', false],
    ['seen le "2011-05-13T04:42:34Z"', true],
    ['seen sw "2011-05-13T06"', true],
    ['seen eq "not a date"', false],
  ])('dateTimes compare as instants: %s is %s', (filter, expected) => {
    expect(onWidget(filter)).toBe(expected);
  });

  it('never matches a stored dateTime that is not a valid date-time', () => {
    expect(matches(parseFilter('seen lt "2100-01-01T00:00:00Z"'), { seen: 'soon' }, WIDGET_ATTRIBUTES)).toBe(false);
  });

  it.each<[string, boolean]>([
    ['tags eq "green"', true],
    ['tags eq "blue"', false],
    ['tags ne "red"', false],
    ['tags ne "blue"', true],
    ['tags sw "gr"', true],
    ['size.width eq 2', true],
    ['size[unit eq "CM" and width ge 2]', true],
    ['size[unit eq "cm" and width gt 2]', false],
  ])('multi-valued and complex: %s is %s', (filter, expected) => {
    expect(onWidget(filter)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['missing eq "x"', false],
    ['missing ne "x"', true],
    ['missing gt "a"', false],
    ['missing co ""', false],
    ['missing pr', false],
    ['missing eq null', true],
    ['missing ne null', false],
    ['label eq null', false],
    ['label ne null', true],
  ])('missing attributes and null: %s is %s', (filter, expected) => {
    expect(onWidget(filter)).toBe(expected);
  });
});

describe('matches: pr', () => {
  it.each<[unknown, boolean]>([
    ['x', true],
    ['', false],
    [0, true],
    [false, true],
    [null, false],
    [[], false],
    [[null, ''], false],
    [['', 'a'], true],
    [{}, false],
    [{ a: null, b: '' }, false],
    [{ a: { b: [{ c: 1 }] } }, true],
  ])('value %j is present: %s', (value, expected) => {
    expect(matches(parseFilter('v pr'), { v: value }, [])).toBe(expected);
  });
});

describe('matches: whole resources and logic', () => {
  it.each<[string, boolean]>([
    ['userName eq "BJENSEN"', true],
    ['name.familyName co "o\'malley"', true],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "bj"', true],
    ['title pr', false],
    ['title pr or userType eq "Employee"', true],
    ['title pr and userType eq "Employee"', false],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', true],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', false],
    [`schemas eq "${ENTERPRISE.toUpperCase()}"`, true],
    ['emails co "jensen.org"', true],
    ['emails.value co "example.org"', false],
    ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', false],
    ['userType eq "Employee" and (emails.type eq "work")', true],
    ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', true],
    ['emails[type eq "home" and value co "@example.com"]', false],
    ['emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]', true],
    ['active eq true and not (active eq false)', true],
    ['id eq "2819C223"', false],
    [`${ENTERPRISE}:employeeNumber eq "701984"`, true],
    [`${ENTERPRISE}:manager.value eq "26118915"`, true],
    [`${ENTERPRISE}:manager pr`, true],
  ])('%s is %s', (filter, expected) => {
    expect(onUser(filter)).toBe(expected);
  });

  it('uses the extension definitions when given them', () => {
    const filter = parseFilter(`${ENTERPRISE}:employeeNumber sw "70"`);
    expect(matches(filter, user, ENTERPRISE_USER_SCHEMA.attributes)).toBe(true);
  });

  it('matches nothing but "ne" on a non-object', () => {
    expect(matches(parseFilter('a eq "x"'), 'x', [])).toBe(false);
    expect(matches(parseFilter('a ne "x"'), null, [])).toBe(true);
  });

  it('evaluates a 5000-term chain without deep recursion', () => {
    const terms = Array.from({ length: 5000 }, (_, i) => `count eq ${i + 10}`);
    const filter = parseFilter([...terms, 'count eq 3'].join(' or '), { maxLength: 1_000_000 });
    expect(matches(filter, widget, WIDGET_ATTRIBUTES)).toBe(true);
    expect(matches(parseFilter(terms.join(' and '), { maxLength: 1_000_000 }), widget, WIDGET_ATTRIBUTES)).toBe(false);
  });
});
