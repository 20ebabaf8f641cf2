import { nulCharacterDetail, nulCharacterPath } from './nul-characters';

const check = (value: unknown) => {
  const text = JSON.stringify(value);
  return nulCharacterPath(text, JSON.parse(text));
};

describe('nulCharacterPath', () => {
  it.each([
    [{ userName: 'a\u0000b' }, 'userName'],
    [{ emails: [{ value: 'x' }, { value: '\u0000' }] }, 'emails[1].value'],
    [{ Operations: [{ op: 'add', value: { displayName: 'x\u0000' } }] }, 'Operations[0].value.displayName'],
    [{ ['a\u0000']: 1 }, '(a key)'],
    [{ name: { ['given\u0000']: 'x' } }, 'name.(a key)'],
    ['\u0000', '(the body)'],
  ])('finds the NUL in %j at %s', (value, path) => {
    expect(check(value)).toBe(path);
  });

  it.each([{ userName: 'a' }, { text: 'backslash-u: \\u0000 written out' }, [1, null, true], 'plain'])(
    'finds none in %j',
    (value) => {
      expect(check(value)).toBeUndefined();
    },
  );

  it('says where and what to do', () => {
    expect(nulCharacterDetail('userName')).toBe(
      'The request body holds a NUL character (\\u0000) at userName; it cannot be stored: remove it',
    );
  });
});
