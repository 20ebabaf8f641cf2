import { KeysetPage, KeysetPosition, keysetPage } from './keyset';
import { SqlParams } from './params';

const K = 'lower(r.user_name)';
const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
type Position = KeysetPosition | undefined;

function page(descending: boolean, position: Position, offset = 3, cast = 'text'): [KeysetPage, unknown[]] {
  const params = new SqlParams(offset);
  return [keysetPage({ key: K, id: 'r.id', cast, descending }, position, params), params.values];
}

describe('keysetPage', () => {
  it.each([
    [false, `${K} ASC, r.id ASC`],
    [true, `${K} DESC, r.id DESC`],
  ])('first page (descending %s): no condition, requested order', (descending, orderBy) => {
    expect(page(descending, undefined)).toEqual([{ orderBy, reversed: false }, []]);
  });

  it.each<[string, boolean, Position, KeysetPage, unknown[]]>([
    [
      'next after a key, ascending',
      false,
      { key: 'bob', id: ID, direction: 'next' },
      {
        where: `(${K} > $5::text OR (${K} = $5::text AND r.id > $4::uuid) OR ${K} IS NULL)`,
        orderBy: `${K} ASC, r.id ASC`,
        reversed: false,
      },
      [ID, 'bob'],
    ],
    [
      'next after a key, descending',
      true,
      { key: 'bob', id: ID, direction: 'next' },
      {
        where: `(${K} < $5::text OR (${K} = $5::text AND r.id < $4::uuid))`,
        orderBy: `${K} DESC, r.id DESC`,
        reversed: false,
      },
      [ID, 'bob'],
    ],
    [
      'next after a NULL key, ascending (only NULLs with larger ids follow)',
      false,
      { key: null, id: ID, direction: 'next' },
      { where: `(${K} IS NULL AND r.id > $4::uuid)`, orderBy: `${K} ASC, r.id ASC`, reversed: false },
      [ID],
    ],
    [
      'next after a NULL key, descending (smaller-id NULLs, then every key)',
      true,
      { key: null, id: ID, direction: 'next' },
      {
        where: `((${K} IS NULL AND r.id < $4::uuid) OR ${K} IS NOT NULL)`,
        orderBy: `${K} DESC, r.id DESC`,
        reversed: false,
      },
      [ID],
    ],
    [
      'previous before a key, ascending: read descending, then reverse',
      false,
      { key: 'bob', id: ID, direction: 'previous' },
      {
        where: `(${K} < $5::text OR (${K} = $5::text AND r.id < $4::uuid))`,
        orderBy: `${K} DESC, r.id DESC`,
        reversed: true,
      },
      [ID, 'bob'],
    ],
    [
      'previous before a key, descending: read ascending (NULLs came first), then reverse',
      true,
      { key: 'bob', id: ID, direction: 'previous' },
      {
        where: `(${K} > $5::text OR (${K} = $5::text AND r.id > $4::uuid) OR ${K} IS NULL)`,
        orderBy: `${K} ASC, r.id ASC`,
        reversed: true,
      },
      [ID, 'bob'],
    ],
    [
      'previous before a NULL key, ascending: every key and the smaller-id NULLs',
      false,
      { key: null, id: ID, direction: 'previous' },
      {
        where: `((${K} IS NULL AND r.id < $4::uuid) OR ${K} IS NOT NULL)`,
        orderBy: `${K} DESC, r.id DESC`,
        reversed: true,
      },
      [ID],
    ],
    [
      'previous before a NULL key, descending: only the larger-id NULLs',
      true,
      { key: null, id: ID, direction: 'previous' },
      { where: `(${K} IS NULL AND r.id > $4::uuid)`, orderBy: `${K} ASC, r.id ASC`, reversed: true },
      [ID],
    ],
  ])('%s', (_, descending, position, expected, values) => {
    expect(page(descending, position)).toEqual([expected, values]);
  });

  it.each(['timestamptz', 'numeric', 'boolean', 'uuid'])('casts the key parameter to %s', (cast) => {
    const [result] = page(false, { key: '2020-01-01', id: ID, direction: 'next' }, 0, cast);
    expect(result.where).toBe(`(${K} > $2::${cast} OR (${K} = $2::${cast} AND r.id > $1::uuid) OR ${K} IS NULL)`);
  });

  it('numbers its parameters after those of the filter, id first then key', () => {
    const params = new SqlParams(1);
    params.add('filter value');
    const result = keysetPage(
      { key: 'r.created_at', id: 'r.id', cast: 'timestamptz', descending: false },
      { key: '2020-01-01 00:00:00+00', id: ID, direction: 'next' },
      params,
    );
    expect(result.where).toBe(
      '(r.created_at > $4::timestamptz OR (r.created_at = $4::timestamptz AND r.id > $3::uuid) OR r.created_at IS NULL)',
    );
    expect(params.values).toEqual(['filter value', ID, '2020-01-01 00:00:00+00']);
  });

  it('passes an empty-string key as a value, not as NULL', () => {
    expect(page(false, { key: '', id: ID, direction: 'next' })).toEqual([
      {
        where: `(${K} > $5::text OR (${K} = $5::text AND r.id > $4::uuid) OR ${K} IS NULL)`,
        orderBy: `${K} ASC, r.id ASC`,
        reversed: false,
      },
      [ID, ''],
    ]);
  });

  it('keeps SQL-looking keys out of the SQL text', () => {
    const key = `x' OR 1=1; DROP TABLE scim_users; --`;
    const [result, values] = page(false, { key, id: ID, direction: 'previous' });
    expect(result.where).not.toContain('DROP');
    expect(values).toEqual([ID, key]);
  });

  it.each<[string, boolean, 'next' | 'previous', string, string]>([
    ['next, ascending', false, 'next', '>', 'ASC'],
    ['next, descending', true, 'next', '<', 'DESC'],
    ['previous, ascending (read backwards)', false, 'previous', '<', 'DESC'],
    ['previous, descending (read backwards)', true, 'previous', '>', 'ASC'],
  ])(
    'a key that is never NULL compares (key, id) as one row, which an index bounds: %s',
    (_, descending, direction, after, dir) => {
      const params = new SqlParams(3);
      const result = keysetPage(
        { key: 'r.created_at', id: 'r.id', cast: 'timestamptz', descending, notNull: true },
        { key: '2026-01-01T00:00:00Z', id: ID, direction },
        params,
      );
      expect([result, params.values]).toEqual([
        {
          where: `(r.created_at, r.id) ${after} ($5::timestamptz, $4::uuid)`,
          orderBy: `r.created_at ${dir}, r.id ${dir}`,
          reversed: direction === 'previous',
        },
        [ID, '2026-01-01T00:00:00Z'],
      ]);
    },
  );
});
