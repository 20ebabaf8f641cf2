import { Filter } from './ast';
import { formatAttrPath, formatFilter, formatLiteral, formatPatchPath } from './format';
import { parseFilter } from './parser';
import { parsePath } from './path-parser';

/** The AST without `pos` and `text`: what a round trip preserves. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(shape);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'pos' && key !== 'text')
        .map(([key, member]) => [key, shape(member)]),
    );
  }
  return value;
}

describe('formatFilter', () => {
  it.each<[string, string]>([
    ['userName Eq "john"', 'userName eq "john"'],
    ['title PR', 'title pr'],
    ['  a   eq   1  ', 'a eq 1'],
    ['x eq TRUE or y ne Null', 'x eq true or y ne null'],
    ['x gt 1e3', 'x gt 1000'],
    ['x eq -0', 'x eq -0'],
    ['x eq "a\\"b\\\\c\\u00e9\\n"', 'x eq "a\\"b\\\\cé\\n"'],
    ['a pr or b pr and c pr', 'a pr or b pr and c pr'],
    ['(a pr or b pr) and c pr', '(a pr or b pr) and c pr'],
    ['a pr and (b pr or c pr)', 'a pr and (b pr or c pr)'],
    ['a pr or (b pr or c pr)', 'a pr or (b pr or c pr)'],
    ['(a pr or b pr) or c pr', 'a pr or b pr or c pr'],
    ['((a pr and b pr)) or ((c pr))', 'a pr and b pr or c pr'],
    ['NOT(a pr or b pr)', 'not (a pr or b pr)'],
    [
      'emails[type eq "work" or (type eq "home" and value ew "@x")]',
      'emails[type eq "work" or type eq "home" and value ew "@x"]',
    ],
    ['URN:x:y:Attr.sub sw "J"', 'URN:x:y:Attr.sub sw "J"'],
  ])('formats %s as %s', (input, expected) => {
    expect(formatFilter(parseFilter(input))).toBe(expected);
  });

  it.each([
    'userName eq "bjensen"',
    'name.familyName co "O\'Malley"',
    'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
    'meta.lastModified gt "2011-05-13T04:42:34Z"',
    'title pr or userType eq "Intern"',
    'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    '((a pr or b pr) and (c pr or not (d pr and (e pr or f pr)))) or g lt 1.5e-7',
    'x eq "\\u0001\\u001f\\u2028😀"',
  ])('round-trips %s', (input) => {
    const parsed = parseFilter(input);
    expect(shape(parseFilter(formatFilter(parsed)))).toEqual(shape(parsed));
  });

  it('round-trips hand-built trees, adding the parentheses they need', () => {
    const a: Filter = { kind: 'present', path: { attr: 'a', pos: 0, text: 'a' }, pos: 0 };
    const tree: Filter = {
      kind: 'and',
      left: { kind: 'or', left: a, right: a, pos: 0 },
      right: { kind: 'and', left: a, right: { kind: 'not', filter: a, pos: 0 }, pos: 0 },
      pos: 0,
    };
    expect(formatFilter(tree)).toBe('(a pr or a pr) and (a pr and not (a pr))');
    expect(shape(parseFilter(formatFilter(tree)))).toEqual(shape(tree));
  });

  it('formats a 5000-term chain without deep recursion', () => {
    const input = Array.from({ length: 5000 }, (_, i) => `a eq ${i}`).join(' and ');
    expect(formatFilter(parseFilter(input, { maxLength: 1_000_000 }))).toBe(input);
  });
});

describe('formatAttrPath, formatLiteral and formatPatchPath', () => {
  it('formats the parts', () => {
    expect(formatAttrPath({ uri: 'urn:a:b', attr: 'c', sub: 'd', pos: 0, text: '' })).toBe('urn:a:b:c.d');
    expect([formatLiteral('x'), formatLiteral(1.5), formatLiteral(false), formatLiteral(null)]).toEqual([
      '"x"',
      '1.5',
      'false',
      'null',
    ]);
    expect(formatPatchPath(parsePath('Emails[Type EQ "work"].Value'))).toBe('Emails[Type eq "work"].Value');
    expect(formatPatchPath(parsePath('name.givenName'))).toBe('name.givenName');
  });
});
