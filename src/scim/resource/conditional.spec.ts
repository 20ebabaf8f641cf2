import { ScimError } from '../errors/scim-error';
import { parseEntityTags, preconditionFailed, tagMatches } from './conditional';

describe('parseEntityTags', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['*', '*'],
    ['W/"3"', [3]],
    ['"3"', [3]],
    ['W/"3", W/"7"', [3, 7]],
    [
      ['W/"1"', '"2"'],
      [1, 2],
    ],
    ['W/"abc"', []],
  ])('reads %j as %j', (header, expected) => {
    expect(parseEntityTags(header as string | string[] | undefined)).toEqual(expected);
  });

  it('refuses a malformed tag with 400 invalidSyntax', () => {
    try {
      parseEntityTags('3');
      throw new Error('did not throw');
    } catch (e) {
      expect(e).toBeInstanceOf(ScimError);
      expect((e as ScimError).status).toBe(400);
      expect((e as ScimError).detail).toBe('Malformed entity tag "3": send W/"<version>" as found in meta.version');
    }
  });
});

describe('tagMatches', () => {
  it('matches * and listed versions only', () => {
    expect(tagMatches('*', 9)).toBe(true);
    expect(tagMatches([1, 9], 9)).toBe(true);
    expect(tagMatches([1], 9)).toBe(false);
    expect(tagMatches([], 9)).toBe(false);
  });

  it('builds the 412 error', () => {
    const error = preconditionFailed('abc', 4);
    expect([error.status, error.scimType, error.detail]).toEqual([
      412,
      undefined,
      'Precondition failed: resource abc is now at version W/"4"; read it again and retry',
    ]);
  });
});
