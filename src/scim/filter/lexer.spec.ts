import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { FILTER_SYNTAX, PATH_SYNTAX, Token, describeToken, shorten, tokenize } from './lexer';

const word = (text: string, pos: number): Token => ({ kind: 'word', text, value: text, pos, end: pos + text.length });
const end = (pos: number): Token => ({ kind: 'end', text: '', value: '', pos, end: pos });

describe('tokenize', () => {
  it('splits words, strings and brackets with their positions', () => {
    expect(tokenize('emails[type eq "work"] or (x pr)', FILTER_SYNTAX)).toEqual([
      word('emails', 0),
      { kind: '[', text: '[', value: '[', pos: 6, end: 7 },
      word('type', 7),
      word('eq', 12),
      { kind: 'string', text: '"work"', value: 'work', pos: 15, end: 21 },
      { kind: ']', text: ']', value: ']', pos: 21, end: 22 },
      word('or', 23),
      { kind: '(', text: '(', value: '(', pos: 26, end: 27 },
      word('x', 27),
      word('pr', 29),
      { kind: ')', text: ')', value: ')', pos: 31, end: 32 },
      end(32),
    ]);
  });

  it('keeps URNs, dots, digits, signs and "$" inside one word', () => {
    expect(
      tokenize('urn:ietf:params:scim:schemas:core:2.0:User:name.familyName -1.5e3 members.$ref', FILTER_SYNTAX),
    ).toEqual([
      word('urn:ietf:params:scim:schemas:core:2.0:User:name.familyName', 0),
      word('-1.5e3', 59),
      word('members.$ref', 66),
      end(78),
    ]);
  });

  it('skips spaces, tabs, CR and LF, and ends a word at a quote', () => {
    expect(tokenize(' \ta\r\n eq"b"', FILTER_SYNTAX)).toEqual([
      word('a', 2),
      word('eq', 6),
      { kind: 'string', text: '"b"', value: 'b', pos: 8, end: 11 },
      end(11),
    ]);
  });

  it('gives only the end token for blank input', () => {
    expect(tokenize('   ', FILTER_SYNTAX)).toEqual([end(3)]);
  });

  it.each([
    ['"a\\"b"', 'a"b'],
    ['"back\\\\slash"', 'back\\slash'],
    ['"\\/\\b\\f\\n\\r\\t"', '/\b\f\n\r\t'],
    ['"\\u00e9t\\u00C9"', 'étÉ'],
    ['"\\ud83d\\ude00"', '😀'],
    ['""', ''],
    ['"O\'Malley (the) [x]"', "O'Malley (the) [x]"],
  ])('decodes the JSON string %s', (text, value) => {
    expect(tokenize(text, FILTER_SYNTAX)).toEqual([
      { kind: 'string', text, value, pos: 0, end: text.length },
      end(text.length),
    ]);
  });

  it.each([
    ['userName eq "abc', "Invalid filter at position 12: unterminated string (no closing '\"')"],
    ['x eq "abc\\', "Invalid filter at position 5: unterminated string (no closing '\"')"],
    ['x eq "a\\q"', 'Invalid filter at position 7: invalid escape "\\q" in a string'],
    ['x eq "\\u12"', 'Invalid filter at position 6: invalid escape "\\u12" in a string: \\u takes four hex digits'],
    ['x eq "\\u12g4"', 'Invalid filter at position 6: invalid escape "\\u12" in a string: \\u takes four hex digits'],
    ['x eq "a\nb"', 'Invalid filter at position 7: control character U+000A in a string must be escaped'],
    [
      'x eq "a\\u0000"',
      'Invalid filter at position 7: the escape "\\u0000" (a NUL character) is not allowed in a string: no value can hold it',
    ],
    ['x eq "\u0000"', 'Invalid filter at position 6: control character U+0000 in a string must be escaped'],
  ])('refuses the malformed string in %j', (input, detail) => {
    expect(thrown(() => tokenize(input, FILTER_SYNTAX))).toEqual([400, 'invalidFilter', detail]);
  });

  it('reports path errors as invalidPath', () => {
    expect(thrown(() => tokenize('emails[value eq "x]', PATH_SYNTAX))).toEqual([
      400,
      'invalidPath',
      "Invalid path at position 16: unterminated string (no closing '\"')",
    ]);
  });

  it('lexes a long input in linear time', () => {
    const input = `x eq "${'a\\"'.repeat(200_000)}"${' y'.repeat(200_000)}`;
    const started = Date.now();
    const tokens = tokenize(input, FILTER_SYNTAX);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(tokens).toHaveLength(200_004);
    expect(tokens[2].value).toBe('a"'.repeat(200_000));
  });
});

describe('describeToken', () => {
  it('names words, strings and the end, shortening long tokens', () => {
    const [w, s, e] = tokenize(`equals "x"`, FILTER_SYNTAX);
    expect([describeToken(w, FILTER_SYNTAX), describeToken(s, FILTER_SYNTAX), describeToken(e, PATH_SYNTAX)]).toEqual([
      '"equals"',
      'the string "x"',
      'the end of the path',
    ]);
    expect(shorten('a'.repeat(41))).toBe(`${'a'.repeat(40)}…`);
    expect(shorten('a'.repeat(40))).toBe('a'.repeat(40));
  });
});
