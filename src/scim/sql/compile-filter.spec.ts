import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { Filter, parseFilter, SchemaContext } from '../filter';
import { attr } from '../schemas/attribute';
import { USER_CONTEXT, USER_STORAGE } from '../../users/user-storage';
import { GROUP_CONTEXT, GROUP_STORAGE } from '../../groups/group-storage';
import { compileFilter } from './compile-filter';
import { SqlParams } from './params';
import { ResourceStorage } from './storage';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const EMAILS = `jsonb_array_elements(CASE WHEN jsonb_typeof(r.data -> 'emails') = 'array' THEN r.data -> 'emails' ELSE '[]'::jsonb END) AS e(v)`;
const EMAIL_INDEX = `(lower(jsonb_path_query_array(r.data, '$.emails[*].value')::text)::jsonb)`;
const USER_GROUPS =
  'EXISTS (SELECT 1 FROM scim_group_members gm JOIN scim_groups gg ON gg.id = gm.group_id WHERE gm.server_id = r.server_id AND gm.member_id = r.id AND';
const GROUP_MEMBERS = `EXISTS (SELECT 1 FROM scim_group_members m
     LEFT JOIN scim_users mu ON m.member_type = 'User' AND mu.server_id = m.server_id AND mu.id = m.member_id
     LEFT JOIN scim_groups mg ON m.member_type = 'Group' AND mg.server_id = m.server_id AND mg.id = m.member_id
    WHERE m.server_id = r.server_id AND m.group_id = r.id AND`;

type Target = [SchemaContext, ResourceStorage];
const USERS: Target = [USER_CONTEXT, USER_STORAGE];
const GROUPS: Target = [GROUP_CONTEXT, GROUP_STORAGE];

/** [sql, values] of a filter compiled after one parameter already used by the surrounding query. */
function compile(filter: string | Filter, [ctx, storage]: Target = USERS, offset = 1): [string, unknown[]] {
  const params = new SqlParams(offset);
  const ast = typeof filter === 'string' ? parseFilter(filter, { maxLength: 100_000 }) : filter;
  return [compileFilter(ast, ctx, storage, params), params.values];
}

describe('compileFilter: values are parameters, never SQL text', () => {
  const nasty = [
    `O'Brien`,
    `50% off`,
    `a\\_b`,
    `back\\slash`,
    `x -- y`,
    `'; DROP TABLE x; --`,
    `say "hello"`,
    `'' OR 1=1`,
  ];
  const cases: [string, (v: string) => string, (v: string) => unknown[]][] = [
    ['userName eq', (v) => `userName eq ${JSON.stringify(v)}`, (v) => [v]],
    ['externalId ne', (v) => `externalId ne ${JSON.stringify(v)}`, (v) => [v]],
    [
      'name.familyName sw',
      (v) => `name.familyName sw ${JSON.stringify(v)}`,
      (v) => [`${v.replace(/[\\%_]/g, '\\$&')}%`],
    ],
    ['department co', (v) => `${ENT}:department co ${JSON.stringify(v)}`, (v) => [`%${v.replace(/[\\%_]/g, '\\$&')}%`]],
    ['emails.value eq', (v) => `emails.value eq ${JSON.stringify(v)}`, (v) => [v, v]],
    [
      'emails[value eq]',
      (v) => `emails[type ew ${JSON.stringify(v)} and value eq ${JSON.stringify(v)}]`,
      (v) => [v, `%${v.replace(/[\\%_]/g, '\\$&')}`, v],
    ],
    ['groups.display gt', (v) => `groups.display gt ${JSON.stringify(v)}`, (v) => [v]],
  ];
  it.each(cases.flatMap(([name, filter, values]) => nasty.map((v) => [name, v, filter, values] as const)))(
    '%s %j',
    (_, value, filter, values) => {
      const [sql, params] = compile(filter(value));
      expect(params).toEqual(values(value));
      expect(sql).not.toContain(value);
      expect(sql).not.toMatch(/DROP|OR 1=1|Brien|hello|slash/);
    },
  );

  it.each([
    [0, ['$1', '$2', '$3']],
    [1, ['$2', '$3', '$4']],
    [7, ['$8', '$9', '$10']],
  ])('numbers placeholders after the offset %i', (offset, placeholders) => {
    const [sql, values] = compile('userName eq "a" or displayName eq "b" or externalId eq "c"', USERS, offset);
    expect(sql).toBe(
      `((lower(r.user_name) = lower(${placeholders[0]})) OR (lower(r.display_name) = lower(${placeholders[1]})) OR (r.external_id = ${placeholders[2]}))`,
    );
    expect(values).toEqual(['a', 'b', 'c']);
  });
});

describe('compileFilter: columns', () => {
  it.each([
    ['userName eq "Bjensen"', '(lower(r.user_name) = lower($2))', ['Bjensen']],
    ['USERNAME ne "b"', '(lower(r.user_name) IS NULL OR lower(r.user_name) <> lower($2))', ['b']],
    ['userName co "j"', `(lower(r.user_name) LIKE lower($2) ESCAPE '\\')`, ['%j%']],
    ['userName sw "j"', `(lower(r.user_name) LIKE lower($2) ESCAPE '\\')`, ['j%']],
    ['userName ew "j"', `(lower(r.user_name) LIKE lower($2) ESCAPE '\\')`, ['%j']],
    ['userName gt "m"', '(lower(r.user_name) > lower($2))', ['m']],
    ['userName ge "m"', '(lower(r.user_name) >= lower($2))', ['m']],
    ['displayName lt "m"', '(lower(r.display_name) < lower($2))', ['m']],
    ['displayName le "m"', '(lower(r.display_name) <= lower($2))', ['m']],
    ['userName pr', `(r.user_name IS NOT NULL AND r.user_name <> '')`, []],
    ['userName co "50%"', `(lower(r.user_name) LIKE lower($2) ESCAPE '\\')`, ['%50\\%%']],
    ['userName sw "a_b\\\\c"', `(lower(r.user_name) LIKE lower($2) ESCAPE '\\')`, ['a\\_b\\\\c%']],
    ['userName eq null', '(r.user_name IS NULL)', []],
    ['displayName ne null', '(r.display_name IS NOT NULL)', []],
    // caseExact: no lower()
    ['externalId eq "AbC"', '(r.external_id = $2)', ['AbC']],
    ['externalId ne "AbC"', '(r.external_id IS NULL OR r.external_id <> $2)', ['AbC']],
    ['externalId sw "Ab"', `(r.external_id LIKE $2 ESCAPE '\\')`, ['Ab%']],
    ['externalId lt "Z"', '(r.external_id < $2)', ['Z']],
    // uuid
    [`id eq "${UUID.toUpperCase()}"`, '(r.id = $2::uuid)', [UUID]],
    [`id ne "${UUID}"`, '(r.id IS NULL OR r.id <> $2::uuid)', [UUID]],
    ['id eq "not-a-uuid"', 'false', []],
    ['id ne "not-a-uuid"', 'true', []],
    ['id sw "0F8F"', `(lower(r.id::text) LIKE lower($2) ESCAPE '\\')`, ['0F8F%']],
    ['id pr', '(r.id IS NOT NULL)', []],
    // boolean
    ['active eq true', '(r.active = $2::boolean)', [true]],
    ['active ne false', '(r.active IS NULL OR r.active <> $2::boolean)', [false]],
    ['active pr', '(r.active IS NOT NULL)', []],
    // timestamptz
    ['meta.created gt "2020-01-01T00:00:00Z"', '(r.created_at > $2::timestamptz)', ['2020-01-01T00:00:00Z']],
    ['meta.created eq "2020-01-01T00:00:00Z"', '(r.created_at = $2::timestamptz)', ['2020-01-01T00:00:00Z']],
    [
      'meta.created ne "2020-01-01T00:00:00Z"',
      '(r.created_at IS NULL OR r.created_at <> $2::timestamptz)',
      ['2020-01-01T00:00:00Z'],
    ],
    [
      'meta.lastModified ge "2021-02-03T04:05:06.789+02:00"',
      '(r.updated_at >= $2::timestamptz)',
      ['2021-02-03T04:05:06.789+02:00'],
    ],
    ['meta.LASTMODIFIED lt "2020-01-01T00:00:00Z"', '(r.updated_at < $2::timestamptz)', ['2020-01-01T00:00:00Z']],
    ['meta.lastModified le "2020-01-01T00:00:00Z"', '(r.updated_at <= $2::timestamptz)', ['2020-01-01T00:00:00Z']],
  ])('%s', (filter, sql, values) => {
    expect(compile(filter)).toEqual([sql, values]);
  });
});

describe('compileFilter: the JSONB document', () => {
  const fam = `r.data -> 'name' ->> 'familyName'`;
  it.each([
    ['name.familyName eq "Jensen"', `(lower(${fam}) = lower($2))`, ['Jensen']],
    ['Name.FamilyName ne "J"', `(lower(${fam}) IS NULL OR lower(${fam}) <> lower($2))`, ['J']],
    ['name.familyName co "en"', `(lower(${fam}) LIKE lower($2) ESCAPE '\\')`, ['%en%']],
    ['name.familyName eq null', `(NULLIF(r.data -> 'name' -> 'familyName', 'null'::jsonb) IS NULL)`, []],
    [
      'name.familyName pr',
      `COALESCE(jsonb_typeof(r.data -> 'name' -> 'familyName') NOT IN ('null') AND r.data -> 'name' -> 'familyName' NOT IN ('""'::jsonb, '[]'::jsonb, '{}'::jsonb), false)`,
      [],
    ],
    ['nickName gt "b"', `(lower(r.data ->> 'nickName') > lower($2))`, ['b']],
    [`${ENT}:department eq "Tour"`, `(lower(r.data -> '${ENT}' ->> 'department') = lower($2))`, ['Tour']],
    [
      `${ENT.toLowerCase()}:DEPARTMENT sw "T"`,
      `(lower(r.data -> '${ENT}' ->> 'department') LIKE lower($2) ESCAPE '\\')`,
      ['T%'],
    ],
    [`${ENT}:manager.value eq "m1"`, `(lower(r.data -> '${ENT}' -> 'manager' ->> 'value') = lower($2))`, ['m1']],
    [
      `${ENT}:manager[value eq "m1"]`,
      `COALESCE((SELECT (lower(e.v ->> 'value') = lower($2)) FROM (SELECT r.data -> '${ENT}' -> 'manager' AS v) AS e), false)`,
      ['m1'],
    ],
  ])('%s', (filter, sql, values) => {
    expect(compile(filter)).toEqual([sql, values]);
  });
});

describe('compileFilter: multi-valued attributes', () => {
  const exists = (where: string) => `EXISTS (SELECT 1 FROM ${EMAILS} WHERE ${where})`;
  it.each([
    [
      'emails.value eq "A@x.org"',
      `((${EMAIL_INDEX} @> jsonb_build_array(lower($3::text))) AND ${exists(`(lower(e.v ->> 'value') = lower($2))`)})`,
      ['A@x.org', 'A@x.org'],
    ],
    [
      'emails eq "a@x.org"',
      `((${EMAIL_INDEX} @> jsonb_build_array(lower($3::text))) AND ${exists(`(lower(e.v ->> 'value') = lower($2))`)})`,
      ['a@x.org', 'a@x.org'],
    ],
    ['emails co "@x"', exists(`(lower(e.v ->> 'value') LIKE lower($2) ESCAPE '\\')`), ['%@x%']],
    ['emails.type eq "work"', exists(`(lower(e.v ->> 'type') = lower($2))`), ['work']],
    ['emails.primary eq true', exists(`(e.v -> 'primary' = to_jsonb($2::boolean))`), [true]],
    ['emails.primary ne true', `(NOT ${exists(`(e.v -> 'primary' = to_jsonb($2::boolean))`)})`, [true]],
    [
      'emails[type eq "work" and value eq "x@y"]',
      `((${EMAIL_INDEX} @> jsonb_build_array(lower($2::text))) AND ${exists(`((lower(e.v ->> 'type') = lower($3)) AND (lower(e.v ->> 'value') = lower($4)))`)})`,
      ['x@y', 'work', 'x@y'],
    ],
    [
      'emails[type eq "work" or value eq "x"]',
      exists(`((lower(e.v ->> 'type') = lower($2)) OR (lower(e.v ->> 'value') = lower($3)))`),
      ['work', 'x'],
    ],
    ['emails[not (type eq "work")]', exists(`(NOT COALESCE((lower(e.v ->> 'type') = lower($2)), false))`), ['work']],
    ['emails[value eq null]', exists(`(NULLIF(e.v -> 'value', 'null'::jsonb) IS NULL)`), []],
  ])('%s', (filter, sql, values) => {
    expect(compile(filter)).toEqual([sql, values]);
  });

  it.each([
    [`groups.value eq "${UUID}"`, `${USER_GROUPS} (gm.group_id = $2::uuid))`, [UUID]],
    ['groups.value eq "nope"', `${USER_GROUPS} false)`, []],
    ['groups pr', `${USER_GROUPS} true)`, []],
    [
      'groups.display co "ops"',
      `EXISTS (SELECT 1 FROM scim_group_members gm JOIN scim_groups gg ON gg.id = gm.group_id WHERE gm.server_id = r.server_id AND gm.member_id = r.id AND (lower(gg.display_name) LIKE lower($2) ESCAPE '\\'))`,
      ['%ops%'],
    ],
  ])('user relation %s', (filter, sql, values) => {
    expect(compile(filter)).toEqual([sql, values]);
  });

  it.each([
    [`members.value eq "${UUID.toUpperCase()}"`, `${GROUP_MEMBERS} (m.member_id = $2::uuid))`, [UUID]],
    [`members eq "${UUID}"`, `${GROUP_MEMBERS} (m.member_id = $2::uuid))`, [UUID]],
    // ne on a multi-valued attribute: no member equals it.
    [`members.value ne "${UUID}"`, `(NOT ${GROUP_MEMBERS} (m.member_id = $2::uuid)))`, [UUID]],
    [
      `members[type eq "Group" and value eq "${UUID}"]`,
      `${GROUP_MEMBERS} ((lower(m.member_type) = lower($2)) AND (m.member_id = $3::uuid)))`,
      ['Group', UUID],
    ],
    [
      'members.display eq "Ann"',
      `${GROUP_MEMBERS} (lower(COALESCE(m.display, mu.display_name, mu.user_name, mg.display_name)) = lower($2)))`,
      ['Ann'],
    ],
    ['members.type eq "User"', `${GROUP_MEMBERS} (lower(m.member_type) = lower($2)))`, ['User']],
    ['members pr', `${GROUP_MEMBERS} true)`, []],
    ['displayName sw "adm"', `(lower(r.display_name) LIKE lower($2) ESCAPE '\\')`, ['adm%']],
  ])('group %s', (filter, sql, values) => {
    expect(compile(filter, GROUPS)).toEqual([sql, values]);
  });
});

describe('compileFilter: logic', () => {
  it.each([
    ['not (userName eq "a")', '(NOT COALESCE((lower(r.user_name) = lower($2)), false))', ['a']],
    ['not (id eq "x")', '(NOT COALESCE(false, false))', []],
    [
      '(userName eq "a" or userName eq "b") and not (active eq false)',
      '(((lower(r.user_name) = lower($2)) OR (lower(r.user_name) = lower($3))) AND (NOT COALESCE((r.active = $4::boolean), false)))',
      ['a', 'b', false],
    ],
    [
      'userName eq "a" or displayName eq "b" and externalId eq "c"',
      '((lower(r.user_name) = lower($2)) OR ((lower(r.display_name) = lower($3)) AND (r.external_id = $4)))',
      ['a', 'b', 'c'],
    ],
  ])('%s', (filter, sql, values) => {
    expect(compile(filter)).toEqual([sql, values]);
  });

  it('compiles a 500-term or chain flat', () => {
    const terms = Array.from({ length: 500 }, (_, i) => `userName eq "u${i}"`);
    const [sql, values] = compile(terms.join(' or '));
    let depth = 0;
    let max = 0;
    for (const c of sql) {
      depth += c === '(' ? 1 : c === ')' ? -1 : 0;
      max = Math.max(max, depth);
    }
    expect([max, depth]).toEqual([3, 0]);
    expect(values).toEqual(terms.map((_, i) => `u${i}`));
    expect(sql.split(' OR ')).toHaveLength(500);
    expect(sql.endsWith('(lower(r.user_name) = lower($501)))')).toBe(true);
  });
});

describe('compileFilter: columns and JSON of other types', () => {
  const ctx: SchemaContext = {
    core: {
      id: 'urn:example:Thing',
      name: 'Thing',
      description: '',
      attributes: [
        attr('seq', { type: 'integer' }),
        attr('score', { type: 'decimal' }),
        attr('born', { type: 'dateTime' }),
      ],
    },
    extensions: [],
  };
  const storage: ResourceStorage = { id: 'r.id', data: 'r.data', columns: { seq: { expr: 'r.seq', kind: 'integer' } } };
  it.each([
    ['seq gt 5', '(r.seq > $2::numeric)', [5]],
    ['seq ne 5', '(r.seq IS NULL OR r.seq <> $2::numeric)', [5]],
    [
      'score le 1.5',
      `(jsonb_typeof(r.data -> 'score') = 'number' AND ((r.data -> 'score')::numeric <= $2::numeric))`,
      [1.5],
    ],
    [
      'born lt "2020-01-01T00:00:00Z"',
      `((r.data ->> 'born')::timestamptz < $2::timestamptz)`,
      ['2020-01-01T00:00:00Z'],
    ],
  ])('%s', (filter, sql, values) => {
    expect(compile(filter, [ctx, storage])).toEqual([sql, values]);
  });
});

describe('compileFilter: errors', () => {
  const nested: Filter = {
    kind: 'valuePath',
    pos: 0,
    path: { attr: 'emails', pos: 0, text: 'emails' },
    filter: {
      kind: 'valuePath',
      pos: 7,
      path: { attr: 'emails', pos: 7, text: 'emails' },
      filter: { kind: 'present', pos: 14, path: { attr: 'type', pos: 14, text: 'type' } },
    },
  };
  it.each([
    ['foo eq "x"', 'Unknown attribute "foo" in filter'],
    ['name.foo eq "x"', 'Unknown attribute "name.foo" in filter'],
    [
      'urn:example:x:1.0:Y:foo eq "x"',
      'Unknown schema "urn:example:x:1.0:Y" in filter attribute "urn:example:x:1.0:Y:foo"',
    ],
    ['active co "x"', 'Operator "co" cannot be used on the boolean attribute "active"'],
    ['active gt true', 'Operator "gt" cannot be used on the boolean attribute "active"'],
    ['active eq "yes"', 'Attribute "active" is boolean: compare it with true or false, not "yes"'],
    ['name eq "x"', 'Attribute "name" is complex: compare one of its sub-attributes, such as "name.formatted"'],
    ['userName gt null', 'Operator "gt" cannot compare "userName" with null (only eq and ne can)'],
    ['emails[foo eq "x"]', 'Unknown sub-attribute "foo" of "emails" in filter'],
    ['userName[value eq "x"]', 'Attribute "userName" has no sub-attributes, so it cannot have a value filter "[…]"'],
    [
      'emails[value eq "x" and emails[type eq "y"]]',
      'Invalid filter at position 30: value filters cannot be nested: "emails[" inside "emails[…]"',
    ],
  ])('%s', (filter, detail) => {
    expect(thrown(() => compile(filter))).toEqual([400, 'invalidFilter', detail]);
  });

  it('refuses a hand-built nested value filter (past the parser)', () => {
    expect(thrown(() => compile(nested))).toEqual([
      400,
      'invalidFilter',
      'Value filters cannot be nested: "emails[…]" inside "emails[…]"',
    ]);
  });
});
