import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { isAttrName, parseAttrPath } from './attr-path';
import { FILTER_SYNTAX, PATH_SYNTAX } from './lexer';

describe('isAttrName', () => {
  it.each(['a', 'userName', 'x509Certificates', 'a-b_c', '$ref', '$REF'])('accepts %s', (name) => {
    expect(isAttrName(name)).toBe(true);
  });

  it.each(['', '1a', '-a', '_a', 'a.b', 'a:b', '$refs', 'ref$', 'é'])('refuses %j', (name) => {
    expect(isAttrName(name)).toBe(false);
  });
});

describe('parseAttrPath', () => {
  it('keeps the offset and the text as written', () => {
    expect(parseAttrPath('Name.GivenName', 17, FILTER_SYNTAX)).toEqual({
      attr: 'Name',
      sub: 'GivenName',
      pos: 17,
      text: 'Name.GivenName',
    });
  });

  it('splits a URN at its last colon, whatever the case of "urn:"', () => {
    expect(parseAttrPath('Urn:Example:Schema:1.0:thing.$ref', 0, FILTER_SYNTAX)).toEqual({
      uri: 'Urn:Example:Schema:1.0',
      attr: 'thing',
      sub: '$ref',
      pos: 0,
      text: 'Urn:Example:Schema:1.0:thing.$ref',
    });
  });

  it('positions errors relative to the input and uses the syntax of the caller', () => {
    expect(thrown(() => parseAttrPath('name.-x', 10, PATH_SYNTAX))).toEqual([
      400,
      'invalidPath',
      'Invalid path at position 15: "-x" is not a valid attribute name: names start with a letter and contain only letters, digits, "-" and "_" (or are "$ref")',
    ]);
  });
});
