import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { AttrPath, CompareOp, Filter, Literal } from './ast';
import { COMPARE_OPS, FilterOptions, parseFilter } from './parser';
import { chainOperands } from './traverse';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

// AST builders: every expectation below is a whole tree, positions included.
const at = (pos: number, attr: string, sub?: string): AttrPath =>
  sub === undefined ? { attr, pos, text: attr } : { attr, sub, pos, text: `${attr}.${sub}` };
const urnAt = (pos: number, uri: string, attr: string, sub?: string): AttrPath => ({
  uri,
  attr,
  ...(sub === undefined ? {} : { sub }),
  pos,
  text: `${uri}:${attr}${sub === undefined ? '' : `.${sub}`}`,
});
const cmp = (path: AttrPath, op: CompareOp, value: Literal): Filter => ({
  kind: 'compare',
  path,
  op,
  value,
  pos: path.pos,
});
const pr = (path: AttrPath): Filter => ({ kind: 'present', path, pos: path.pos });
const and = (pos: number, left: Filter, right: Filter): Filter => ({ kind: 'and', left, right, pos });
const or = (pos: number, left: Filter, right: Filter): Filter => ({ kind: 'or', left, right, pos });
const not = (pos: number, filter: Filter): Filter => ({ kind: 'not', filter, pos });
const vp = (path: AttrPath, filter: Filter): Filter => ({ kind: 'valuePath', path, filter, pos: path.pos });

const failure = (input: string, options?: FilterOptions) => thrown(() => parseFilter(input, options));

describe('parseFilter: attribute expressions', () => {
  it.each(COMPARE_OPS)('parses the operator %s', (op) => {
    expect(parseFilter(`userName ${op} "x"`)).toEqual(cmp(at(0, 'userName'), op, 'x'));
  });

  it.each(['EQ', 'Eq', 'eQ'])('parses the operator %s case-insensitively', (op) => {
    expect(parseFilter(`userName ${op} "john"`)).toEqual(cmp(at(0, 'userName'), 'eq', 'john'));
  });

  it.each(['pr', 'PR', 'Pr'])('parses the presence operator %s', (op) => {
    expect(parseFilter(`title ${op}`)).toEqual(pr(at(0, 'title')));
  });

  it('keeps attribute names as written (the binder resolves them case-insensitively)', () => {
    expect(parseFilter('Username eq "john"')).toEqual(cmp(at(0, 'Username'), 'eq', 'john'));
  });

  it.each<[string, Literal]>([
    ['true', true],
    ['TRUE', true],
    ['False', false],
    ['null', null],
    ['Null', null],
    ['0', 0],
    ['-1', -1],
    ['1.5', 1.5],
    ['1e3', 1000],
    ['-2.5E-2', -0.025],
    ['12345678901234567890', Number('12345678901234567890')],
    ['"a\\"b"', 'a"b'],
    ['"\\u00e9"', 'é'],
    ['""', ''],
    ['"true"', 'true'],
    ['"42"', '42'],
  ])('parses the value %s', (text, value) => {
    expect(parseFilter(`x eq ${text}`)).toEqual(cmp(at(0, 'x'), 'eq', value));
  });

  it('parses sub-attributes, $ref and names with digits, "-" and "_"', () => {
    expect(parseFilter('name.familyName co "O\'Malley"')).toEqual(cmp(at(0, 'name', 'familyName'), 'co', "O'Malley"));
    expect(parseFilter('members.$ref sw "https:"')).toEqual(cmp(at(0, 'members', '$ref'), 'sw', 'https:'));
    expect(parseFilter('$ref pr')).toEqual(pr(at(0, '$ref')));
    expect(parseFilter('a_b-1.C2 pr')).toEqual(pr(at(0, 'a_b-1', 'C2')));
  });

  it('parses URN-prefixed paths, splitting the URN at the last ":"', () => {
    expect(parseFilter(`${CORE_USER}:name.familyName eq "Jensen"`)).toEqual(
      cmp(urnAt(0, CORE_USER, 'name', 'familyName'), 'eq', 'Jensen'),
    );
    expect(parseFilter(`${ENTERPRISE}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`)).toEqual(
      cmp(urnAt(0, ENTERPRISE, 'manager', 'value'), 'eq', '26118915-6090-4610-87e4-49d8ca9f808d'),
    );
    expect(parseFilter(`URN:IETF:params:scim:schemas:core:2.0:User:userName pr`)).toEqual(
      pr(urnAt(0, 'URN:IETF:params:scim:schemas:core:2.0:User', 'userName')),
    );
  });

  it('reads "not", "and" and "or" as attribute names when an operator follows', () => {
    expect(parseFilter('not eq 1 and and pr or or eq 2')).toEqual(
      or(20, and(9, cmp(at(0, 'not'), 'eq', 1), pr(at(13, 'and'))), cmp(at(23, 'or'), 'eq', 2)),
    );
  });
});

describe('parseFilter: logical expressions and precedence', () => {
  it('binds "and" tighter than "or"', () => {
    expect(parseFilter('a eq 1 or b eq 2 and c eq 3')).toEqual(
      or(7, cmp(at(0, 'a'), 'eq', 1), and(17, cmp(at(10, 'b'), 'eq', 2), cmp(at(21, 'c'), 'eq', 3))),
    );
    expect(parseFilter('a eq 1 and b eq 2 or c eq 3')).toEqual(
      or(18, and(7, cmp(at(0, 'a'), 'eq', 1), cmp(at(11, 'b'), 'eq', 2)), cmp(at(21, 'c'), 'eq', 3)),
    );
  });

  it('applies "not" to its parenthesized filter only', () => {
    expect(parseFilter('not (a eq 1 or b eq 2)')).toEqual(
      not(0, or(12, cmp(at(5, 'a'), 'eq', 1), cmp(at(15, 'b'), 'eq', 2))),
    );
    expect(parseFilter('a eq 1 and not (b eq 2)')).toEqual(
      and(7, cmp(at(0, 'a'), 'eq', 1), not(11, cmp(at(16, 'b'), 'eq', 2))),
    );
    expect(parseFilter('not (a pr) or b pr')).toEqual(or(11, not(0, pr(at(5, 'a'))), pr(at(14, 'b'))));
  });

  it('accepts NOT, AND and OR in any case, and "not(" without a space', () => {
    expect(parseFilter('NOT(a pr) AND b pr Or c pr')).toEqual(
      or(19, and(10, not(0, pr(at(4, 'a'))), pr(at(14, 'b'))), pr(at(22, 'c'))),
    );
  });

  it('is left-associative', () => {
    expect(parseFilter('a pr or b pr or c pr')).toEqual(or(13, or(5, pr(at(0, 'a')), pr(at(8, 'b'))), pr(at(16, 'c'))));
    expect(parseFilter('a pr and b pr and c pr')).toEqual(
      and(14, and(5, pr(at(0, 'a')), pr(at(9, 'b'))), pr(at(18, 'c'))),
    );
  });

  it('lets parentheses override precedence and associativity', () => {
    expect(parseFilter('(a pr or b pr) and c pr')).toEqual(
      and(15, or(6, pr(at(1, 'a')), pr(at(9, 'b'))), pr(at(19, 'c'))),
    );
    expect(parseFilter('a pr or (b pr or c pr)')).toEqual(
      or(5, pr(at(0, 'a')), or(14, pr(at(9, 'b')), pr(at(17, 'c')))),
    );
    expect(parseFilter('((a pr))')).toEqual(pr(at(2, 'a')));
  });
});

describe('parseFilter: value filters', () => {
  it('parses and/or, parentheses and "not" inside brackets', () => {
    expect(parseFilter('emails[type eq "work" or (type eq "home" and value ew "@example.com")]')).toEqual(
      vp(
        at(0, 'emails'),
        or(
          22,
          cmp(at(7, 'type'), 'eq', 'work'),
          and(41, cmp(at(26, 'type'), 'eq', 'home'), cmp(at(45, 'value'), 'ew', '@example.com')),
        ),
      ),
    );
    expect(parseFilter('emails[not (primary eq true)]')).toEqual(
      vp(at(0, 'emails'), not(7, cmp(at(12, 'primary'), 'eq', true))),
    );
  });

  it('parses a value filter on a URN-prefixed attribute and combines it with others', () => {
    expect(parseFilter(`${CORE_USER}:emails[value pr] and x pr`)).toEqual(
      and(60, vp(urnAt(0, CORE_USER, 'emails'), pr(at(50, 'value'))), pr(at(64, 'x'))),
    );
  });
});

describe('parseFilter: the examples of RFC 7644 §3.4.2.2', () => {
  const lastModified = at(0, 'meta', 'lastModified');
  it.each<[string, Filter]>([
    ['userName eq "bjensen"', cmp(at(0, 'userName'), 'eq', 'bjensen')],
    ['name.familyName co "O\'Malley"', cmp(at(0, 'name', 'familyName'), 'co', "O'Malley")],
    ['userName sw "J"', cmp(at(0, 'userName'), 'sw', 'J')],
    [`${CORE_USER}:userName sw "J"`, cmp(urnAt(0, CORE_USER, 'userName'), 'sw', 'J')],
    ['title pr', pr(at(0, 'title'))],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', cmp(lastModified, 'gt', '2011-05-13T04:42:34Z')],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', cmp(lastModified, 'ge', '2011-05-13T04:42:34Z')],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', cmp(lastModified, 'lt', '2011-05-13T04:42:34Z')],
    ['meta.lastModified le "2011-05-13T04:42:34Z"', cmp(lastModified, 'le', '2011-05-13T04:42:34Z')],
    ['title pr and userType eq "Employee"', and(9, pr(at(0, 'title')), cmp(at(13, 'userType'), 'eq', 'Employee'))],
    ['title pr or userType eq "Intern"', or(9, pr(at(0, 'title')), cmp(at(12, 'userType'), 'eq', 'Intern'))],
    [`schemas eq "${ENTERPRISE}"`, cmp(at(0, 'schemas'), 'eq', ENTERPRISE)],
    [
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      and(
        23,
        cmp(at(0, 'userType'), 'eq', 'Employee'),
        or(52, cmp(at(28, 'emails'), 'co', 'example.com'), cmp(at(55, 'emails', 'value'), 'co', 'example.org')),
      ),
    ],
    [
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      and(
        23,
        cmp(at(0, 'userType'), 'ne', 'Employee'),
        not(
          27,
          or(56, cmp(at(32, 'emails'), 'co', 'example.com'), cmp(at(59, 'emails', 'value'), 'co', 'example.org')),
        ),
      ),
    ],
    [
      'userType eq "Employee" and (emails.type eq "work")',
      and(23, cmp(at(0, 'userType'), 'eq', 'Employee'), cmp(at(28, 'emails', 'type'), 'eq', 'work')),
    ],
    [
      'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
      and(
        23,
        cmp(at(0, 'userType'), 'eq', 'Employee'),
        vp(at(27, 'emails'), and(49, cmp(at(34, 'type'), 'eq', 'work'), cmp(at(53, 'value'), 'co', '@example.com'))),
      ),
    ],
    [
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      or(
        51,
        vp(at(0, 'emails'), and(22, cmp(at(7, 'type'), 'eq', 'work'), cmp(at(26, 'value'), 'co', '@example.com'))),
        vp(at(54, 'ims'), and(73, cmp(at(58, 'type'), 'eq', 'xmpp'), cmp(at(77, 'value'), 'co', '@foo.com'))),
      ),
    ],
  ])('parses %s', (input, expected) => {
    expect(parseFilter(input)).toEqual(expected);
  });
});

describe('parseFilter: lenient mode', () => {
  const lenient = { lenient: true };
  it.each<[string, Filter]>([
    ['userName sw O', cmp(at(0, 'userName'), 'sw', 'O')],
    ['name.familyName eq Employee', cmp(at(0, 'name', 'familyName'), 'eq', 'Employee')],
    ['userName eq bjensen@example.com', cmp(at(0, 'userName'), 'eq', 'bjensen@example.com')],
    ['employeeNumber eq 01234', cmp(at(0, 'employeeNumber'), 'eq', '01234')],
    ['active eq True', cmp(at(0, 'active'), 'eq', true)],
    ['x eq 7', cmp(at(0, 'x'), 'eq', 7)],
    ['x eq "quoted"', cmp(at(0, 'x'), 'eq', 'quoted')],
    [
      '(userName eq bob) or emails[value co example.com]',
      or(18, cmp(at(1, 'userName'), 'eq', 'bob'), vp(at(21, 'emails'), cmp(at(28, 'value'), 'co', 'example.com'))),
    ],
  ])('accepts %s', (input, expected) => {
    expect(parseFilter(input, lenient)).toEqual(expected);
  });

  it('still refuses "and" and "or" as values', () => {
    expect(failure('userName eq and', lenient)).toEqual([
      400,
      'invalidFilter',
      'Invalid filter at position 12: expected a value (a quoted string, a number, true, false or null) after "eq", found "and"',
    ]);
  });
});

describe('parseFilter: errors', () => {
  const VALUE = 'a value (a quoted string, a number, true, false or null)';
  const START = 'an attribute path, "not" or "("';
  it.each<[string, string]>([
    ['', 'Filter is empty'],
    [' \t ', 'Filter is empty'],
    [
      'userName equals "x"',
      'Invalid filter at position 9: expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) after "userName", found "equals"',
    ],
    [
      'userName',
      'Invalid filter at position 8: expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) after "userName", found the end of the filter',
    ],
    ['userName eq', `Invalid filter at position 11: expected ${VALUE} after "eq", found the end of the filter`],
    ['userName EQ )', `Invalid filter at position 12: expected ${VALUE} after "EQ", found ")"`],
    [
      'userName eq bjensen',
      `Invalid filter at position 12: expected ${VALUE} after "eq", found the unquoted word bjensen; string values must be quoted: "bjensen"`,
    ],
    [
      'x eq 01',
      `Invalid filter at position 5: expected ${VALUE} after "eq", found the unquoted word 01; string values must be quoted: "01"`,
    ],
    ['x eq 1e999', 'Invalid filter at position 5: the number 1e999 is out of range'],
    ['title pr "x"', 'Invalid filter at position 9: "pr" takes no value, found the string "x"'],
    ['title pr true', 'Invalid filter at position 9: "pr" takes no value, found "true"'],
    ['userName eq "abc', "Invalid filter at position 12: unterminated string (no closing '\"')"],
    [
      '(userName eq "x"',
      'Invalid filter at position 16: expected "and", "or" or ")" to close the "(" at position 0, found the end of the filter',
    ],
    [
      '((a pr) b',
      'Invalid filter at position 8: expected "and", "or" or ")" to close the "(" at position 0, found "b"',
    ],
    ['userName eq "x")', 'Invalid filter at position 15: found ")" without a matching "("'],
    ['a pr]', 'Invalid filter at position 4: found "]" without a matching "["'],
    [
      'emails[type eq "work"',
      'Invalid filter at position 21: expected "and", "or" or "]" to close the "[" at position 6, found the end of the filter',
    ],
    [
      'emails[type eq "work")',
      'Invalid filter at position 21: expected "and", "or" or "]" to close the "[" at position 6, found ")"',
    ],
    [
      'userName eq "x" foo',
      'Invalid filter at position 16: expected "and", "or" or the end of the filter, found "foo"',
    ],
    [
      'userName eq "x" "y"',
      'Invalid filter at position 16: expected "and", "or" or the end of the filter, found the string "y"',
    ],
    ['a pr and', `Invalid filter at position 8: expected ${START} after "and", found the end of the filter`],
    ['a pr and or b pr', `Invalid filter at position 9: expected ${START} after "and", found "or"`],
    ['()', `Invalid filter at position 1: expected ${START} after "(", found ")"`],
    ['[a pr]', `Invalid filter at position 0: expected ${START}, found "["`],
    ['1abc eq 1', `Invalid filter at position 0: expected ${START}, found "1abc"`],
    ['"userName" eq 1', `Invalid filter at position 0: expected ${START}, found the string "userName"`],
    ['not a pr', 'Invalid filter at position 4: expected "(" after "not", found "a"'],
    ['not not (a pr)', 'Invalid filter at position 4: expected "(" after "not", found "not"'],
    [
      'a.b.c pr',
      'Invalid filter at position 3: "a.b.c" is not a valid attribute path: at most one sub-attribute may follow the attribute name',
    ],
    ['a. pr', 'Invalid filter at position 2: expected an attribute name'],
    [
      'na*me pr',
      'Invalid filter at position 0: "na*me" is not a valid attribute name: names start with a letter and contain only letters, digits, "-" and "_" (or are "$ref")',
    ],
    [
      'name.1st pr',
      'Invalid filter at position 5: "1st" is not a valid attribute name: names start with a letter and contain only letters, digits, "-" and "_" (or are "$ref")',
    ],
    [
      'foo:bar pr',
      'Invalid filter at position 3: "foo:bar" is not a valid attribute path: ":" may only end a schema URN ("urn:…")',
    ],
    [
      'urn:userName pr',
      'Invalid filter at position 0: "urn:userName" is not a valid attribute path: expected "<schema URN>:<attribute>"',
    ],
    [
      `${CORE_USER}: pr`,
      `Invalid filter at position 43: expected an attribute name after the schema URN "${CORE_USER}"`,
    ],
    [
      'emails[type eq "work"].value eq "x"',
      'Invalid filter at position 22: a filter cannot name a sub-attribute after a value filter ("emails[…].value"); put the condition inside the brackets instead: emails[… and value …]',
    ],
    [
      'emails[type eq "work" and x[y pr]]',
      'Invalid filter at position 27: value filters cannot be nested: "x[" inside "emails[…]"',
    ],
  ])('refuses %j', (input, detail) => {
    expect(failure(input)).toEqual([400, 'invalidFilter', detail]);
  });
});

describe('parseFilter: limits', () => {
  it('refuses a filter longer than maxLength (default 4096)', () => {
    const long = `userName eq "${'a'.repeat(4083)}"`;
    expect(long).toHaveLength(4097);
    expect(failure(long)).toEqual([400, 'invalidFilter', 'Filter is longer than 4096 characters']);
    expect(parseFilter(long.slice(0, -2) + '"')).toEqual(cmp(at(0, 'userName'), 'eq', 'a'.repeat(4082)));
    expect(failure('title pr', { maxLength: 7 })).toEqual([400, 'invalidFilter', 'Filter is longer than 7 characters']);
  });

  it('accepts 32 nested parentheses and refuses 33 (maxDepth defaults to 32)', () => {
    expect(parseFilter(`${'('.repeat(32)}a pr${')'.repeat(32)}`)).toEqual(pr(at(32, 'a')));
    expect(failure(`${'('.repeat(100)}a pr${')'.repeat(100)}`)).toEqual([
      400,
      'invalidFilter',
      'Invalid filter at position 32: more than 32 nested levels of parentheses, "not" and value filters',
    ]);
  });

  it('counts "not (" and value filters as one level each', () => {
    const filter = 'emails[not ((type pr))]';
    expect(parseFilter(filter, { maxDepth: 3 })).toEqual(vp(at(0, 'emails'), not(7, pr(at(13, 'type')))));
    expect(failure(filter, { maxDepth: 2 })).toEqual([
      400,
      'invalidFilter',
      'Invalid filter at position 12: more than 2 nested levels of parentheses, "not" and value filters',
    ]);
    expect(failure('not (not (a pr))', { maxDepth: 1 })).toEqual([
      400,
      'invalidFilter',
      'Invalid filter at position 9: more than 1 nested levels of parentheses, "not" and value filters',
    ]);
  });

  it('does not count and/or chains as nesting: a 2000-term or-chain parses in well under 200 ms', () => {
    const input = Array.from({ length: 2000 }, (_, i) => `a eq ${i}`).join(' or ');
    const started = performance.now();
    const filter = parseFilter(input, { maxLength: 100_000, maxDepth: 1 });
    expect(performance.now() - started).toBeLessThan(200);
    expect(filter.kind).toBe('or');
    const operands = chainOperands(filter as Extract<Filter, { kind: 'or' }>);
    expect(operands).toHaveLength(2000);
    expect(operands[1999]).toEqual(cmp(at(input.length - 9, 'a'), 'eq', 1999));
  });

  it('refuses a 1000-deep "not" nesting without a stack overflow', () => {
    const input = `${'not ('.repeat(1000)}a pr${')'.repeat(1000)}`;
    expect(failure(input, { maxLength: 100_000 })).toEqual([
      400,
      'invalidFilter',
      'Invalid filter at position 164: more than 32 nested levels of parentheses, "not" and value filters',
    ]);
  });
});
