import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { attr, complex } from '../schemas/attribute';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, SchemaDefinition, USER_SCHEMA } from '../schemas';
import { AttrPath } from './ast';
import { COMMON_ATTRIBUTES, SchemaContext, bindAttrPath, bindFilter, bindPatchPath, findByName } from './binder';
import { parseFilter } from './parser';
import { parsePath } from './path-parser';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const USERS: SchemaContext = { core: USER_SCHEMA, extensions: [ENTERPRISE_USER_SCHEMA] };

const WIDGET: SchemaDefinition = {
  id: 'urn:example:schemas:Widget',
  name: 'Widget',
  description: 'A test schema with every attribute type',
  attributes: [
    attr('count', { type: 'integer' }),
    attr('price', { type: 'decimal' }),
    attr('enabled', { type: 'boolean' }),
    attr('blob', { type: 'binary' }),
    attr('tags', { multiValued: true }),
    complex('size', [attr('width', { type: 'integer' }), attr('unit')]),
  ],
};
const WIDGETS: SchemaContext = { core: WIDGET, extensions: [] };

const path = (text: string): AttrPath => parsePath(text).path;
const def = (name: string) => findByName(USER_SCHEMA.attributes, name);
const sub = (name: string, subName: string) => findByName(def(name)?.subAttributes ?? [], subName);
const filterError = (filter: string, ctx: SchemaContext = USERS) => thrown(() => bindFilter(parseFilter(filter), ctx));
const pathError = (text: string) => thrown(() => bindPatchPath(parsePath(text), USERS));

describe('bindAttrPath', () => {
  it('resolves core attributes and sub-attributes case-insensitively, with canonical names', () => {
    expect(bindAttrPath(path('NAME.FAMILYNAME'), USERS, 'invalidFilter')).toEqual({
      schema: USER_SCHEMA,
      attribute: def('name'),
      sub: sub('name', 'familyName'),
      canonical: 'name.familyName',
    });
    expect(bindAttrPath(path('username'), USERS, 'invalidFilter')).toEqual({
      schema: USER_SCHEMA,
      attribute: def('userName'),
      canonical: 'userName',
    });
  });

  it('resolves the core URN prefix to the same canonical path, and extension URNs with theirs', () => {
    expect(bindAttrPath(path(`${CORE_USER.toUpperCase()}:userName`), USERS, 'invalidFilter').canonical).toBe(
      'userName',
    );
    const manager = findByName(ENTERPRISE_USER_SCHEMA.attributes, 'manager');
    expect(bindAttrPath(path(`${ENTERPRISE}:Manager.Value`), USERS, 'invalidFilter')).toEqual({
      schema: ENTERPRISE_USER_SCHEMA,
      attribute: manager,
      sub: findByName(manager?.subAttributes ?? [], 'value'),
      canonical: `${ENTERPRISE}:manager.value`,
    });
  });

  it('resolves the common attributes in the core schema', () => {
    expect(bindAttrPath(path('meta.lastmodified'), USERS, 'invalidFilter')).toEqual({
      schema: USER_SCHEMA,
      attribute: COMMON_ATTRIBUTES[2],
      sub: COMMON_ATTRIBUTES[2].subAttributes?.[2],
      canonical: 'meta.lastModified',
    });
    expect(bindAttrPath(path('ID'), { core: GROUP_SCHEMA, extensions: [] }, 'invalidPath').canonical).toBe('id');
    expect(bindAttrPath(path(`${CORE_USER}:externalId`), USERS, 'invalidFilter').canonical).toBe('externalId');
  });

  it.each<[string, 'invalidFilter' | 'invalidPath', string]>([
    ['foo', 'invalidFilter', 'Unknown attribute "foo" in filter'],
    ['name.foo', 'invalidPath', 'Unknown attribute "name.foo" in path'],
    ['employeeNumber', 'invalidFilter', 'Unknown attribute "employeeNumber" in filter'],
    [`${ENTERPRISE}:id`, 'invalidFilter', `Unknown attribute "${ENTERPRISE}:id" in filter`],
    [
      'urn:example:Other:foo',
      'invalidFilter',
      'Unknown schema "urn:example:Other" in filter attribute "urn:example:Other:foo"',
    ],
    [
      'userName.first',
      'invalidFilter',
      'Invalid attribute "userName.first" in filter: "userName" has no sub-attributes',
    ],
    ['id.x', 'invalidPath', 'Invalid attribute "id.x" in path: "id" has no sub-attributes'],
  ])('refuses %s (%s)', (text, errorType, detail) => {
    expect(thrown(() => bindAttrPath(path(text), USERS, errorType))).toEqual([400, errorType, detail]);
  });
});

describe('bindFilter', () => {
  it('accepts the examples of RFC 7644 §3.4.2.2 against the User schemas', () => {
    for (const filter of [
      'userName eq "bjensen"',
      'name.familyName co "O\'Malley"',
      `${CORE_USER}:userName sw "J"`,
      'title pr and userType eq "Employee"',
      'meta.lastModified gt "2011-05-13T04:42:34Z"',
      `schemas eq "${ENTERPRISE}"`,
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    ]) {
      expect(() => bindFilter(parseFilter(filter), USERS)).not.toThrow();
    }
  });

  it('returns the binding of every path, with value-filter paths bound below their attribute', () => {
    const filter = parseFilter('emails[type eq "work"] and (emails co "x" or name pr)');
    if (filter.kind !== 'and' || filter.left.kind !== 'valuePath' || filter.right.kind !== 'or')
      throw new Error('unexpected shape');
    const { left, right } = filter;
    const emails = def('emails');
    const inner = left.filter.kind === 'compare' ? left.filter.path : undefined;
    const bindings = bindFilter(filter, USERS);
    expect([...bindings.entries()]).toEqual([
      [left.path, { schema: USER_SCHEMA, attribute: emails, canonical: 'emails' }],
      [inner, { schema: USER_SCHEMA, attribute: emails, sub: sub('emails', 'type'), canonical: 'emails.type' }],
      [
        (right.left as { path: AttrPath }).path,
        { schema: USER_SCHEMA, attribute: emails, sub: sub('emails', 'value'), canonical: 'emails.value' },
      ],
      [(right.right as { path: AttrPath }).path, { schema: USER_SCHEMA, attribute: def('name'), canonical: 'name' }],
    ]);
  });

  it.each([
    'enabled eq true',
    'enabled ne false',
    'count gt 1',
    'count le 1.5',
    'price ge -0.5',
    'count eq null',
    'blob eq "AAEC"',
    'blob sw "AA"',
    'tags co "x"',
    'size.width lt 3',
    'size pr',
    'size[unit eq "cm" and width gt 2]',
  ])('accepts the well-typed %s', (filter) => {
    expect(() => bindFilter(parseFilter(filter), WIDGETS)).not.toThrow();
  });

  it.each([
    'meta.created eq "2011-05-13T04:42:34+02:00"',
    'meta.created sw "2011-05"',
    'x509Certificates.value eq "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx"',
    'active eq true and meta.lastModified lt "2011-05-13T04:42:34Z"',
  ])('accepts the well-typed %s on Users', (filter) => {
    expect(() => bindFilter(parseFilter(filter), USERS)).not.toThrow();
  });

  it.each<[string, string]>([
    ['count gt "1"', 'Attribute "count" is an integer: compare it with a number, not "1"'],
    ['price eq true', 'Attribute "price" is a decimal: compare it with a number, not true'],
    ['count co 1', 'Operator "co" cannot be used on the integer attribute "count"'],
    ['enabled eq "true"', 'Attribute "enabled" is boolean: compare it with true or false, not "true"'],
    ['enabled gt true', 'Operator "gt" cannot be used on the boolean attribute "enabled"'],
    ['enabled sw "t"', 'Operator "sw" cannot be used on the boolean attribute "enabled"'],
    ['blob lt "AA"', 'Operator "lt" cannot be used on the binary attribute "blob"'],
    ['tags eq 1', 'Attribute "tags" is a string: compare it with a quoted string, not 1'],
    ['count gt null', 'Operator "gt" cannot compare "count" with null (only eq and ne can)'],
    ['size eq "x"', 'Attribute "size" is complex: compare one of its sub-attributes, such as "size.width"'],
    ['size.height pr', 'Unknown attribute "size.height" in filter'],
    ['size[height pr]', 'Unknown sub-attribute "height" of "size" in filter'],
    ['size[width.x pr]', 'Invalid attribute "width.x" in the value filter of "size": "width" has no sub-attributes'],
    [
      'size[urn:example:schemas:Widget:width pr]',
      'A schema URN is not allowed inside the value filter of "size" ("urn:example:schemas:Widget:width")',
    ],
    ['tags[value eq "x"]', 'Attribute "tags" has no sub-attributes, so it cannot have a value filter "[…]"'],
    ['size.unit[x pr]', 'Attribute "size.unit" has no sub-attributes, so it cannot have a value filter "[…]"'],
  ])('refuses %s', (filter, detail) => {
    expect(filterError(filter, WIDGETS)).toEqual([400, 'invalidFilter', detail]);
  });

  it.each<[string, string]>([
    ['foo eq "x"', 'Unknown attribute "foo" in filter'],
    ['userName eq "a" or nosuch pr', 'Unknown attribute "nosuch" in filter'],
    ['not (emails[type eq "work" and typo eq "x"])', 'Unknown sub-attribute "typo" of "emails" in filter'],
    [
      'urn:example:unknown:2.0:User:userName eq "x"',
      'Unknown schema "urn:example:unknown:2.0:User" in filter attribute "urn:example:unknown:2.0:User:userName"',
    ],
    ['active eq "yes"', 'Attribute "active" is boolean: compare it with true or false, not "yes"'],
    [
      'meta.lastModified gt "yesterday"',
      'Attribute "meta.lastModified" is a dateTime: compare it with an RFC 3339 date-time such as "2011-05-13T04:42:34Z", not "yesterday"',
    ],
    [
      'meta.created eq 5',
      'Attribute "meta.created" is a dateTime: compare it with an RFC 3339 date-time such as "2011-05-13T04:42:34Z", not 5',
    ],
    ['x509Certificates.value gt "A"', 'Operator "gt" cannot be used on the binary attribute "x509Certificates.value"'],
    ['name eq "Barbara"', 'Attribute "name" is complex: compare one of its sub-attributes, such as "name.formatted"'],
    ['userName eq 7', 'Attribute "userName" is a string: compare it with a quoted string, not 7'],
    ['emails[primary eq "true"]', 'Attribute "primary" is boolean: compare it with true or false, not "true"'],
  ])('refuses %s on Users', (filter, detail) => {
    expect(filterError(filter)).toEqual([400, 'invalidFilter', detail]);
  });

  it('refuses a nested value filter in a hand-built tree', () => {
    const inner = parseFilter('emails[type pr]');
    const outer = parseFilter('emails[type pr]');
    if (outer.kind !== 'valuePath') throw new Error('unexpected shape');
    expect(thrown(() => bindFilter({ ...outer, filter: inner }, USERS))).toEqual([
      400,
      'invalidFilter',
      'Value filters cannot be nested: "emails[…]" inside "emails[…]"',
    ]);
  });

  it('binds a 3000-term chain without recursion', () => {
    const input = Array.from({ length: 3000 }, (_, i) => `userName eq "u${i}"`).join(' or ');
    expect(bindFilter(parseFilter(input, { maxLength: 1_000_000 }), USERS).size).toBe(3000);
  });
});

describe('bindPatchPath', () => {
  it('binds simple and sub-attribute paths', () => {
    expect(bindPatchPath(parsePath('name.givenName'), USERS)).toEqual({
      kind: 'attribute',
      bound: {
        schema: USER_SCHEMA,
        attribute: def('name'),
        sub: sub('name', 'givenName'),
        canonical: 'name.givenName',
      },
    });
    expect(bindPatchPath(parsePath(`${ENTERPRISE}:manager`), USERS)).toEqual({
      kind: 'attribute',
      bound: {
        schema: ENTERPRISE_USER_SCHEMA,
        attribute: findByName(ENTERPRISE_USER_SCHEMA.attributes, 'manager'),
        canonical: `${ENTERPRISE}:manager`,
      },
    });
  });

  it('binds a bare extension URN, in any case, to the whole extension', () => {
    expect(bindPatchPath(parsePath(ENTERPRISE), USERS)).toEqual({ kind: 'extension', schema: ENTERPRISE_USER_SCHEMA });
    expect(bindPatchPath(parsePath(ENTERPRISE.toLowerCase()), USERS)).toEqual({
      kind: 'extension',
      schema: ENTERPRISE_USER_SCHEMA,
    });
  });

  it('binds a value path with its filter and sub-attribute', () => {
    const parsed = parsePath('Emails[type eq "work" and primary eq true].Value');
    expect(bindPatchPath(parsed, USERS)).toEqual({
      kind: 'attribute',
      bound: { schema: USER_SCHEMA, attribute: def('emails'), canonical: 'emails' },
      filter: parsed.filter,
      subAttr: sub('emails', 'value'),
    });
    const members = parsePath('members[value eq "2819c223-7f76-453a-919d-413861904646"]');
    expect(bindPatchPath(members, { core: GROUP_SCHEMA, extensions: [] })).toEqual({
      kind: 'attribute',
      bound: { schema: GROUP_SCHEMA, attribute: findByName(GROUP_SCHEMA.attributes, 'members'), canonical: 'members' },
      filter: members.filter,
    });
  });

  it.each<[string, string]>([
    ['foo', 'Unknown attribute "foo" in path'],
    ['name.foo', 'Unknown attribute "name.foo" in path'],
    ['userName.x', 'Invalid attribute "userName.x" in path: "userName" has no sub-attributes'],
    ['urn:example:Nope:thing', 'Unknown schema "urn:example:Nope" in path attribute "urn:example:Nope:thing"'],
    [CORE_USER, `Path "${CORE_USER}" names the core schema, not an attribute`],
    [
      'name[givenName eq "x"]',
      'Path "name[givenName eq "x"]": a value filter needs a multi-valued complex attribute, and "name" is not one',
    ],
    [
      'name.givenName[x pr]',
      'Path "name.givenName[x pr]": a value filter needs a multi-valued complex attribute, and "name.givenName" is not one',
    ],
    ['emails[typo eq "work"]', 'Unknown sub-attribute "typo" of "emails" in path'],
    [
      `emails[${CORE_USER}:type eq "work"]`,
      `A schema URN is not allowed inside the value filter of "emails" ("${CORE_USER}:type")`,
    ],
    ['emails[primary eq "yes"]', 'Attribute "primary" is boolean: compare it with true or false, not "yes"'],
    ['emails[type eq "work"].nope', 'Unknown sub-attribute "nope" of "emails" in path'],
  ])('refuses %s', (text, detail) => {
    expect(pathError(text)).toEqual([400, 'invalidPath', detail]);
  });

  it('refuses a sub-attribute after "]" without a value filter in a hand-built path', () => {
    expect(
      thrown(() => bindPatchPath({ path: path('emails'), subAttr: 'value', text: 'emails.value' }, USERS)),
    ).toEqual([400, 'invalidPath', 'Path "emails.value": a sub-attribute after "]" needs a value filter']);
  });
});
