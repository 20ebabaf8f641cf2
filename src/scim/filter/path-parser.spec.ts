import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { AttrPath, CompareOp, Filter, Literal, PatchPath } from './ast';
import { parsePath } from './path-parser';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const at = (pos: number, attr: string, sub?: string): AttrPath =>
  sub === undefined ? { attr, pos, text: attr } : { attr, sub, pos, text: `${attr}.${sub}` };
const cmp = (path: AttrPath, op: CompareOp, value: Literal): Filter => ({
  kind: 'compare',
  path,
  op,
  value,
  pos: path.pos,
});

describe('parsePath', () => {
  it.each<[string, PatchPath]>([
    ['members', { path: at(0, 'members'), text: 'members' }],
    ['name.givenName', { path: at(0, 'name', 'givenName'), text: 'name.givenName' }],
    ['Name.GivenName', { path: at(0, 'Name', 'GivenName'), text: 'Name.GivenName' }],
    [
      'emails[type eq "work"].value',
      {
        path: at(0, 'emails'),
        filter: cmp(at(7, 'type'), 'eq', 'work'),
        subAttr: 'value',
        text: 'emails[type eq "work"].value',
      },
    ],
    [
      'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
      {
        path: at(0, 'members'),
        filter: cmp(at(8, 'value'), 'eq', '2819c223-7f76-453a-919d-413861904646'),
        text: 'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
      },
    ],
    [
      'addresses[type eq "work"].streetAddress',
      {
        path: at(0, 'addresses'),
        filter: cmp(at(10, 'type'), 'eq', 'work'),
        subAttr: 'streetAddress',
        text: 'addresses[type eq "work"].streetAddress',
      },
    ],
    [
      `${ENTERPRISE}:manager`,
      {
        path: { uri: ENTERPRISE, attr: 'manager', pos: 0, text: `${ENTERPRISE}:manager` },
        text: `${ENTERPRISE}:manager`,
      },
    ],
    [
      `${ENTERPRISE}:manager.value`,
      {
        path: { uri: ENTERPRISE, attr: 'manager', sub: 'value', pos: 0, text: `${ENTERPRISE}:manager.value` },
        text: `${ENTERPRISE}:manager.value`,
      },
    ],
    [
      ENTERPRISE,
      {
        path: { uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0', attr: 'User', pos: 0, text: ENTERPRISE },
        text: ENTERPRISE,
      },
    ],
  ])('parses %s', (input, expected) => {
    expect(parsePath(input)).toEqual(expected);
  });

  it('parses value filters with and/or/not, case-insensitively', () => {
    expect(parsePath('emails[TYPE EQ "work" AND not (Primary Eq FALSE)]')).toEqual({
      path: at(0, 'emails'),
      filter: {
        kind: 'and',
        left: cmp(at(7, 'TYPE'), 'eq', 'work'),
        right: { kind: 'not', filter: cmp(at(31, 'Primary'), 'eq', false), pos: 26 },
        pos: 22,
      },
      text: 'emails[TYPE EQ "work" AND not (Primary Eq FALSE)]',
    });
  });

  it.each<[string, string]>([
    ['', 'Path is empty'],
    ['  ', 'Path is empty'],
    ['"userName"', 'Invalid path at position 0: expected an attribute path, found the string "userName"'],
    ['(name)', 'Invalid path at position 0: expected an attribute path, found "("'],
    ['userName eq "x"', 'Invalid path at position 9: expected "[" or the end of the path, found "eq"'],
    [
      'name.givenName.x',
      'Invalid path at position 14: "name.givenName.x" is not a valid attribute path: at most one sub-attribute may follow the attribute name',
    ],
    [
      'foo:bar',
      'Invalid path at position 3: "foo:bar" is not a valid attribute path: ":" may only end a schema URN ("urn:…")',
    ],
    [
      'emails[type eq "work"',
      'Invalid path at position 21: expected "and", "or" or "]" to close the "[" at position 6, found the end of the path',
    ],
    ['emails[]', 'Invalid path at position 7: expected an attribute path, "not" or "(" after "[", found "]"'],
    [
      'emails[type equals "work"]',
      'Invalid path at position 12: expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) after "type", found "equals"',
    ],
    [
      'emails[value eq bare]',
      'Invalid path at position 16: expected a value (a quoted string, a number, true, false or null) after "eq", found the unquoted word bare; string values must be quoted: "bare"',
    ],
    [
      'emails[type eq "work" and x[y pr]]',
      'Invalid path at position 27: value filters cannot be nested: "x[" inside "emails[…]"',
    ],
    [
      'emails[type eq "work"]value',
      'Invalid path at position 22: expected "." and a sub-attribute or the end of the path, found "value"',
    ],
    ['emails[type eq "work"].', 'Invalid path at position 23: expected an attribute name'],
    [
      'emails[type eq "work"].value.display',
      'Invalid path at position 23: "value.display" is not a valid attribute name: names start with a letter and contain only letters, digits, "-" and "_" (or are "$ref")',
    ],
    ['emails[type eq "work"].value extra', 'Invalid path at position 29: expected the end of the path, found "extra"'],
    [
      'emails[type eq "work"] or x pr',
      'Invalid path at position 23: expected "." and a sub-attribute or the end of the path, found "or"',
    ],
  ])('refuses %j', (input, detail) => {
    expect(thrown(() => parsePath(input))).toEqual([400, 'invalidPath', detail]);
  });

  it('refuses a path longer than maxLength (default 4096)', () => {
    expect(thrown(() => parsePath('a'.repeat(4097)))).toEqual([
      400,
      'invalidPath',
      'Path is longer than 4096 characters',
    ]);
    expect(thrown(() => parsePath('name.givenName', { maxLength: 10 }))).toEqual([
      400,
      'invalidPath',
      'Path is longer than 10 characters',
    ]);
    expect(parsePath('a'.repeat(4096))).toEqual({ path: at(0, 'a'.repeat(4096)), text: 'a'.repeat(4096) });
  });

  it('refuses value filters nested deeper than 32 levels', () => {
    const input = `emails[${'('.repeat(40)}type pr${')'.repeat(40)}]`;
    expect(thrown(() => parsePath(input))).toEqual([
      400,
      'invalidPath',
      'Invalid path at position 38: more than 32 nested levels of parentheses, "not" and value filters',
    ]);
  });
});
