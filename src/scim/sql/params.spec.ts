import { escapeLike, jsonKey, SqlParams } from './params';

describe('SqlParams', () => {
  it('numbers from $1 by default and keeps values in order', () => {
    const params = new SqlParams();
    expect([params.add('a'), params.add(2), params.add(null), params.add(true)]).toEqual(['$1', '$2', '$3', '$4']);
    expect(params.values).toEqual(['a', 2, null, true]);
  });

  it.each([
    [0, ['$1', '$2']],
    [1, ['$2', '$3']],
    [2, ['$3', '$4']],
    [9, ['$10', '$11']],
  ])('starts after an offset of %i', (offset, placeholders) => {
    const params = new SqlParams(offset);
    expect([params.add('x'), params.add('y')]).toEqual(placeholders);
    expect(params.values).toEqual(['x', 'y']);
  });

  it('adds the same value twice as two placeholders', () => {
    const params = new SqlParams(1);
    expect([params.add('v'), params.add('v')]).toEqual(['$2', '$3']);
    expect(params.values).toEqual(['v', 'v']);
  });

  it('keeps values as given (no quoting or escaping)', () => {
    const params = new SqlParams();
    const values = [`O'Brien`, `'; DROP TABLE x; --`, '50%', 'a_b', 'c\\d', ['array'], { o: 1 }];
    values.forEach((v) => params.add(v));
    expect(params.values).toEqual(values);
  });
});

describe('escapeLike', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['50%', '50\\%'],
    ['a_b', 'a\\_b'],
    ['c\\d', 'c\\\\d'],
    ['%_\\', '\\%\\_\\\\'],
    ['100%% __', '100\\%\\% \\_\\_'],
    [`it's "quoted" -- *?[]`, `it's "quoted" -- *?[]`],
  ])('%j → %j', (input, escaped) => {
    expect(escapeLike(input)).toBe(escaped);
  });
});

describe('jsonKey', () => {
  it.each([
    ['name', `'name'`],
    ['familyName', `'familyName'`],
    ['$ref', `'$ref'`],
    ['x509Certificates', `'x509Certificates'`],
    [
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      `'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'`,
    ],
    ['a-b_c.d', `'a-b_c.d'`],
  ])('quotes %s', (key, literal) => {
    expect(jsonKey(key)).toBe(literal);
  });

  it.each([`it's`, `a b`, ``, `a'||'b`, `x"y`, `a;b`, `a\\b`, `a\nb`, `(x)`, `é`])('refuses %j', (key) => {
    expect(() => jsonKey(key)).toThrow(new Error(`unsafe JSON key ${JSON.stringify(key)}`));
  });
});
