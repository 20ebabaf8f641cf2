import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { SchemaContext } from '../filter';
import { parseAttrPath } from '../filter/attr-path';
import { FILTER_SYNTAX } from '../filter/lexer';
import { attr, complex } from '../schemas/attribute';
import { USER_CONTEXT, USER_STORAGE } from '../../users/user-storage';
import { GROUP_CONTEXT, GROUP_STORAGE } from '../../groups/group-storage';
import { compileSort, SortKey, sortKey, sortKeyOf } from './compile-sort';
import { ResourceStorage } from './storage';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const path = (text: string) => parseAttrPath(text, 0, FILTER_SYNTAX);
const array = (json: string) =>
  `jsonb_array_elements(CASE WHEN jsonb_typeof(${json}) = 'array' THEN ${json} ELSE '[]'::jsonb END) AS e(v)`;
const PRIMARY_FIRST = `ORDER BY (e.v -> 'primary') = 'true'::jsonb DESC NULLS LAST LIMIT 1`;

describe('sortKey on Users', () => {
  it.each<[string, SortKey]>([
    ['userName', { expr: 'lower(r.user_name)', cast: 'text', notNull: true }],
    ['USERNAME', { expr: 'lower(r.user_name)', cast: 'text', notNull: true }],
    ['displayName', { expr: 'lower(r.display_name)', cast: 'text' }],
    ['externalId', { expr: 'r.external_id', cast: 'text' }],
    ['id', { expr: 'r.id', cast: 'uuid', notNull: true }],
    ['active', { expr: 'r.active', cast: 'boolean' }],
    ['meta.created', { expr: 'r.created_at', cast: 'timestamptz', notNull: true }],
    ['meta.lastModified', { expr: 'r.updated_at', cast: 'timestamptz', notNull: true }],
    ['name.familyName', { expr: `lower(r.data -> 'name' ->> 'familyName')`, cast: 'text' }],
    ['Name.GivenName', { expr: `lower(r.data -> 'name' ->> 'givenName')`, cast: 'text' }],
    ['nickName', { expr: `lower(r.data ->> 'nickName')`, cast: 'text' }],
    [`${ENT}:department`, { expr: `lower(r.data -> '${ENT}' ->> 'department')`, cast: 'text' }],
    [`${ENT.toUpperCase()}:employeeNumber`, { expr: `lower(r.data -> '${ENT}' ->> 'employeeNumber')`, cast: 'text' }],
    [`${ENT}:manager.value`, { expr: `lower(r.data -> '${ENT}' -> 'manager' ->> 'value')`, cast: 'text' }],
    [
      'emails.value',
      { expr: `lower((SELECT e.v ->> 'value' FROM ${array(`r.data -> 'emails'`)} ${PRIMARY_FIRST}))`, cast: 'text' },
    ],
    [
      'emails',
      { expr: `lower((SELECT e.v ->> 'value' FROM ${array(`r.data -> 'emails'`)} ${PRIMARY_FIRST}))`, cast: 'text' },
    ],
    [
      'phoneNumbers.type',
      {
        expr: `lower((SELECT e.v ->> 'type' FROM ${array(`r.data -> 'phoneNumbers'`)} ${PRIMARY_FIRST}))`,
        cast: 'text',
      },
    ],
    [
      'emails.primary',
      {
        expr: `((SELECT e.v ->> 'primary' FROM ${array(`r.data -> 'emails'`)} ${PRIMARY_FIRST}))::boolean`,
        cast: 'boolean',
      },
    ],
  ])('%s', (text, key) => {
    expect(sortKey(path(text), USER_CONTEXT, USER_STORAGE)).toEqual(key);
  });
});

describe('sortKey on Groups', () => {
  it.each<[string, SortKey]>([
    ['displayName', { expr: 'lower(r.display_name)', cast: 'text', notNull: true }],
    ['externalId', { expr: 'r.external_id', cast: 'text' }],
    ['meta.created', { expr: 'r.created_at', cast: 'timestamptz', notNull: true }],
  ])('%s', (text, key) => {
    expect(sortKey(path(text), GROUP_CONTEXT, GROUP_STORAGE)).toEqual(key);
  });
});

describe('sortKey on other types', () => {
  const ctx: SchemaContext = {
    core: {
      id: 'urn:example:Thing',
      name: 'Thing',
      description: '',
      attributes: [
        attr('seq', { type: 'integer' }),
        attr('age', { type: 'integer' }),
        attr('score', { type: 'decimal' }),
        attr('born', { type: 'dateTime' }),
        attr('flag', { type: 'boolean' }),
        attr('code', { caseExact: true }),
        attr('tags', { multiValued: true }),
        complex('dims', [attr('width', { type: 'decimal' })]),
      ],
    },
    extensions: [],
  };
  const storage: ResourceStorage = { id: 't.id', data: 't.doc', columns: { seq: { expr: 't.seq', kind: 'integer' } } };
  it.each<[string, SortKey]>([
    ['seq', { expr: 't.seq', cast: 'numeric' }],
    ['age', { expr: `(t.doc ->> 'age')::numeric`, cast: 'numeric' }],
    ['score', { expr: `(t.doc ->> 'score')::numeric`, cast: 'numeric' }],
    ['born', { expr: `(t.doc ->> 'born')::timestamptz`, cast: 'timestamptz' }],
    ['flag', { expr: `(t.doc ->> 'flag')::boolean`, cast: 'boolean' }],
    ['code', { expr: `t.doc ->> 'code'`, cast: 'text' }],
    ['tags', { expr: `lower((SELECT e.v #>> '{}' FROM ${array(`t.doc -> 'tags'`)}  LIMIT 1))`, cast: 'text' }],
    ['dims.width', { expr: `(t.doc -> 'dims' ->> 'width')::numeric`, cast: 'numeric' }],
  ])('%s', (text, key) => {
    expect(sortKey(path(text), ctx, storage)).toEqual(key);
  });
});

describe('sortKey errors', () => {
  it.each([
    [
      'name',
      USER_CONTEXT,
      USER_STORAGE,
      'invalidValue',
      'Cannot sort by the complex attribute "name": name a sub-attribute',
    ],
    [
      `${ENT}:manager`,
      USER_CONTEXT,
      USER_STORAGE,
      'invalidValue',
      `Cannot sort by the complex attribute "${ENT}:manager": name a sub-attribute`,
    ],
    ['groups.value', USER_CONTEXT, USER_STORAGE, 'invalidValue', 'Cannot sort by "groups.value"'],
    ['groups.display', USER_CONTEXT, USER_STORAGE, 'invalidValue', 'Cannot sort by "groups.display"'],
    ['members.value', GROUP_CONTEXT, GROUP_STORAGE, 'invalidValue', 'Cannot sort by "members.value"'],
    ['members.type', GROUP_CONTEXT, GROUP_STORAGE, 'invalidValue', 'Cannot sort by "members.type"'],
    ['groups', USER_CONTEXT, USER_STORAGE, 'invalidValue', 'Cannot sort by "groups"'],
    ['members', GROUP_CONTEXT, GROUP_STORAGE, 'invalidValue', 'Cannot sort by "members"'],
    ['foo', USER_CONTEXT, USER_STORAGE, 'invalidValue', 'Invalid sortBy "foo": Unknown attribute "foo"'],
    ['name.foo', USER_CONTEXT, USER_STORAGE, 'invalidValue', 'Invalid sortBy "name.foo": Unknown attribute "name.foo"'],
    [
      'userName',
      GROUP_CONTEXT,
      GROUP_STORAGE,
      'invalidValue',
      'Invalid sortBy "userName": Unknown attribute "userName"',
    ],
    [
      'userName.x',
      USER_CONTEXT,
      USER_STORAGE,
      'invalidValue',
      'Invalid sortBy "userName.x": Invalid attribute "userName.x" in filter: "userName" has no sub-attributes',
    ],
  ] as const)('%s', (text, ctx, storage, scimType, detail) => {
    expect(thrown(() => sortKey(path(text), ctx, storage))).toEqual([400, scimType, detail]);
  });
});

describe('compileSort', () => {
  it.each([
    [{ expr: 'lower(r.user_name)', cast: 'text' }, 'ascending', 'lower(r.user_name) ASC, r.id ASC'],
    [{ expr: 'lower(r.user_name)', cast: 'text' }, 'descending', 'lower(r.user_name) DESC, r.id DESC'],
    [{ expr: 'r.created_at', cast: 'timestamptz' }, 'descending', 'r.created_at DESC, r.id DESC'],
  ] as const)('%j %s', (key, order, sql) => {
    expect(compileSort(key, order, USER_STORAGE)).toBe(sql);
  });

  it('breaks ties on the storage id column', () => {
    const storage: ResourceStorage = { ...GROUP_STORAGE, id: 'g.uid' };
    expect(compileSort({ expr: 'g.x', cast: 'text' }, 'ascending', storage)).toBe('g.x ASC, g.uid ASC');
  });
});

describe('sortKeyOf', () => {
  const fallback: SortKey = { expr: 'r.seq', cast: 'numeric' };
  it('uses the fallback without sortBy', () => {
    expect(sortKeyOf(undefined, USER_CONTEXT, USER_STORAGE, fallback)).toBe(fallback);
  });
  it('uses sortBy when given', () => {
    expect(sortKeyOf(path('externalId'), USER_CONTEXT, USER_STORAGE, fallback)).toEqual({
      expr: 'r.external_id',
      cast: 'text',
    });
  });
  it('throws for a bad sortBy rather than falling back', () => {
    expect(thrown(() => sortKeyOf(path('foo'), USER_CONTEXT, USER_STORAGE, fallback))).toEqual([
      400,
      'invalidValue',
      'Invalid sortBy "foo": Unknown attribute "foo"',
    ]);
  });
});
