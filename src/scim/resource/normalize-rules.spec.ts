import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { attr, complex } from '../schemas';
import { normalizeResource, NormalizeOptions } from './normalize';
import { GROUP_RESOURCE, ResourceSchemas, USER_RESOURCE } from './resource-type-context';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const WIDGET = 'urn:example:scim:schemas:core:1.0:Widget';

const user = (attrs: Record<string, unknown>) => ({ schemas: [USER], userName: 'bjensen', ...attrs });
const create = (body: unknown, schemas: ResourceSchemas = USER_RESOURCE, options?: NormalizeOptions) =>
  normalizeResource(body, schemas, 'create', options);

/** A test schema with every data type, multi-valued simple values and required sub-attributes. */
const WIDGETS: ResourceSchemas = {
  core: {
    id: WIDGET,
    name: 'Widget',
    description: 'test',
    attributes: [
      attr('label'),
      attr('count', { type: 'integer' }),
      attr('ratio', { type: 'decimal' }),
      attr('seen', { type: 'dateTime' }),
      attr('blob', { type: 'binary' }),
      attr('tags', { multiValued: true }),
      attr('scores', { type: 'integer', multiValued: true }),
      complex('part', [attr('serial', { required: true }), attr('note')]),
      complex('slots', [attr('value', { required: true }), attr('primary', { type: 'boolean' })], {
        multiValued: true,
      }),
    ],
  },
  extensions: [],
};
const widget = (attrs: Record<string, unknown>) => create({ schemas: [WIDGET], ...attrs }, WIDGETS);

describe('normalizeResource: readOnly, writeOnly and null', () => {
  it('drops readOnly attributes and lists them as written', () => {
    const { resource, ignored } = create(user({ ID: 'x', Meta: { created: 'bad' }, groups: [{ value: 'g' }] }));
    expect(resource).toEqual({ schemas: [USER], userName: 'bjensen' });
    expect(ignored).toEqual(['ID', 'Meta', 'groups']);
  });

  it('drops readOnly sub-attributes of every value and lists the path once', () => {
    const body = {
      schemas: [GROUP],
      displayName: 'g',
      members: [
        { value: 'a', Display: 'A' },
        { value: 'b', Display: 'B' },
      ],
    };
    const { resource, ignored } = create(body, GROUP_RESOURCE);
    expect(resource.members).toEqual([{ value: 'a' }, { value: 'b' }]);
    expect(ignored).toEqual(['members.Display']);
  });

  it('drops a value left empty by readOnly sub-attributes', () => {
    const body = { schemas: [GROUP], displayName: 'g', members: [{ display: 'A' }, { value: 'b' }] };
    expect(create(body, GROUP_RESOURCE).resource.members).toEqual([{ value: 'b' }]);
  });

  it('keeps the writeOnly password', () => {
    expect(create(user({ password: 's3cret' })).resource.password).toBe('s3cret');
  });

  it('treats null as absent at every level, without listing it', () => {
    const body = user({ nickName: null, name: { givenName: null, familyName: 'J' }, foo: null, id: null });
    expect(create(body)).toEqual({
      resource: { schemas: [USER], userName: 'bjensen', name: { familyName: 'J' } },
      ignored: [],
      unknown: [],
    });
  });

  it('drops a complex value whose sub-attributes are all null', () => {
    expect(create(user({ name: { givenName: null } })).resource).toEqual({ schemas: [USER], userName: 'bjensen' });
  });

  it('keeps empty arrays of multi-valued attributes (clear on replace)', () => {
    const { resource } = normalizeResource(user({ emails: [], phoneNumbers: [] }), USER_RESOURCE, 'replace');
    expect(resource).toEqual({ schemas: [USER], userName: 'bjensen', emails: [], phoneNumbers: [] });
  });

  it('refuses null inside a multi-valued attribute', () => {
    expect(thrown(() => create(user({ emails: [null] })))).toEqual([
      400,
      'invalidValue',
      'Attribute "emails" must not contain null values',
    ]);
  });
});

describe('normalizeResource: unknown attributes', () => {
  const body = user({
    foo: 1,
    name: { givenName: 'B', nick: 'x' },
    [ENTERPRISE]: { floor: 3 },
    'urn:example:x:1.0:y': 2,
  });

  it('drops and lists them by default', () => {
    const { resource, ignored } = create(body);
    expect(resource).toEqual({ schemas: [USER, ENTERPRISE], userName: 'bjensen', name: { givenName: 'B' } });
    expect(ignored).toEqual(['foo', 'name.nick', `${ENTERPRISE}:floor`, 'urn:example:x:1.0:y']);
  });

  it.each([
    [{ foo: 1 }, 'foo'],
    [{ name: { nick: 'x' } }, 'name.nick'],
    [{ emails: [{ value: 'a', label: 'x' }] }, 'emails.label'],
    [{ [ENTERPRISE]: { floor: 3 } }, `${ENTERPRISE}:floor`],
  ])('refuses %p with the reject policy', (attrs, path) => {
    expect(thrown(() => create(user(attrs), USER_RESOURCE, { unknownAttributes: 'reject' }))).toEqual([
      400,
      'invalidValue',
      `Unknown attribute "${path}"`,
    ]);
  });

  it('still drops readOnly attributes under the reject policy', () => {
    const { ignored } = create(user({ id: '1', meta: {} }), USER_RESOURCE, { unknownAttributes: 'reject' });
    expect(ignored).toEqual(['id', 'meta']);
  });
});

describe('normalizeResource: data types (RFC 7643 §2.3)', () => {
  it.each([
    [{ nickName: 5 }, 'Attribute "nickName" must be a string'],
    [{ active: 'true' }, 'Attribute "active" must be a boolean (true or false), not the string "true"'],
    [{ profileUrl: {} }, 'Attribute "profileUrl" must be a string (a reference)'],
    [{ externalId: 701984 }, 'Attribute "externalId" must be a string'],
    [{ name: 'Barbara' }, 'Attribute "name" must be an object'],
    [{ name: ['Barbara'] }, 'Attribute "name" must be an object'],
    [{ name: { givenName: { first: 'B' } } }, 'Attribute "name.givenName" must be a string'],
    [{ emails: { value: 'b@example.com' } }, 'Attribute "emails" is multi-valued and must be an array'],
    [{ emails: 'b@example.com' }, 'Attribute "emails" is multi-valued and must be an array'],
    [{ emails: ['b@example.com'] }, 'Each value of attribute "emails" must be an object'],
    [{ emails: [{ value: 'a', primary: 'yes' }] }, 'Attribute "emails.primary" must be a boolean'],
    [
      { x509Certificates: [{ value: 'not base64!' }] },
      'Attribute "x509Certificates.value" must be a base64-encoded string',
    ],
    [{ [ENTERPRISE]: { manager: { value: 7 } } }, `Attribute "${ENTERPRISE}:manager.value" must be a string`],
    [{ [`${ENTERPRISE}:department`]: true }, `Attribute "${ENTERPRISE}:department" must be a string`],
  ])('refuses %p', (attrs, detail) => {
    expect(thrown(() => create(user(attrs)))).toEqual([400, 'invalidValue', detail]);
  });

  it.each([
    [{ count: 1.5 }, 'Attribute "count" must be an integer'],
    [{ count: '1' }, 'Attribute "count" must be an integer'],
    [{ count: 2 ** 53 }, 'Attribute "count" must be an integer'],
    [{ ratio: '0.5' }, 'Attribute "ratio" must be a number'],
    [{ seen: '2011-05-13' }, 'Attribute "seen" must be a date-time with a time zone, e.g. "2011-05-13T04:42:34Z"'],
    [
      { seen: '2011-05-13T04:42:34' },
      'Attribute "seen" must be a date-time with a time zone, e.g. "2011-05-13T04:42:34Z"',
    ],
    [{ seen: 1305261754 }, 'Attribute "seen" must be a date-time with a time zone, e.g. "2011-05-13T04:42:34Z"'],
    [{ blob: 'YQ' }, 'Attribute "blob" must be a base64-encoded string'],
    [{ tags: 'a' }, 'Attribute "tags" is multi-valued and must be an array'],
    [{ tags: ['a', 1] }, 'Each value of attribute "tags" must be a string'],
    [{ scores: [1, 2.5] }, 'Each value of attribute "scores" must be an integer'],
  ])('refuses %p', (attrs, detail) => {
    expect(thrown(() => widget(attrs))).toEqual([400, 'invalidValue', detail]);
  });

  it('accepts valid values of every type and keeps them as given', () => {
    const attrs = {
      label: 'w',
      count: -3,
      ratio: 0.25,
      seen: '2011-05-13T04:42:34.5+02:00',
      blob: 'YWJj',
      tags: ['a', 'b'],
      scores: [1, 2],
      part: { serial: 's1' },
      slots: [
        { value: 'x', primary: true },
        { value: 'y', primary: false },
      ],
    };
    expect(widget(attrs).resource).toEqual({ schemas: [WIDGET], ...attrs });
  });
});

describe('normalizeResource: required attributes and primary', () => {
  it.each([[{}], [{ userName: '' }], [{ userName: '   ' }], [{ userName: null }]])('requires userName: %p', (attrs) => {
    const body = { schemas: [USER], ...attrs };
    expect(thrown(() => create(body))).toEqual([400, 'invalidValue', 'Attribute "userName" is required']);
    expect(thrown(() => normalizeResource(body, USER_RESOURCE, 'replace'))).toEqual([
      400,
      'invalidValue',
      'Attribute "userName" is required',
    ]);
  });

  it('requires the Group displayName', () => {
    expect(thrown(() => create({ schemas: [GROUP], members: [] }, GROUP_RESOURCE))).toEqual([
      400,
      'invalidValue',
      'Attribute "displayName" is required',
    ]);
  });

  it('reports a type error before a missing required attribute', () => {
    expect(thrown(() => create({ schemas: [USER], active: 1 }))).toEqual([
      400,
      'invalidValue',
      'Attribute "active" must be a boolean',
    ]);
  });

  it('requires required sub-attributes of a present complex value', () => {
    const detail = (path: string) => [400, 'invalidValue', `Attribute "${path}" is required`];
    expect(thrown(() => widget({ part: { note: 'n' } }))).toEqual(detail('part.serial'));
    expect(thrown(() => widget({ part: {} }))).toEqual(detail('part.serial'));
    expect(thrown(() => widget({ slots: [{ value: 'a' }, { primary: false }] }))).toEqual(detail('slots.value'));
    expect(widget({ part: null }).resource).toEqual({ schemas: [WIDGET] });
  });

  it('refuses more than one primary value (RFC 7643 §2.4)', () => {
    const emails = [
      { value: 'a@example.com', primary: true },
      { value: 'b@example.com', primary: true },
    ];
    expect(thrown(() => create(user({ emails })))).toEqual([
      400,
      'invalidValue',
      'Attribute "emails" must have at most one value with "primary": true',
    ]);
  });

  it('accepts one primary value among many, or none', () => {
    const emails = [{ value: 'a', primary: true }, { value: 'b', primary: false }, { value: 'c' }];
    expect(create(user({ emails })).resource.emails).toEqual(emails);
    expect(create(user({ addresses: [{ type: 'work' }, { type: 'home' }] })).resource.addresses).toHaveLength(2);
  });
});
