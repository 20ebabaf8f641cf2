import { storableColumn, storableOrNull, storableText } from './storable-text';

describe('storableText', () => {
  it('returns text without NUL or lone surrogates as it is', () => {
    const text = 'jdoe@contoso.com — 😀 é';
    expect(storableText(text)).toBe(text);
  });

  it('escapes every NUL as \\u0000, keeping the rest', () => {
    expect(storableText('a\u0000b\u0000')).toBe('a\\u0000b\\u0000');
  });

  it('escapes lone surrogates, high or low, and keeps pairs', () => {
    expect(storableText('x\ud800y\udc01z😀\ud83d')).toBe('x\\ud800y\\udc01z😀\\ud83d');
  });

  it('cuts to a column width without leaving half a surrogate pair', () => {
    expect(storableColumn('ab😀', 3)).toBe('ab');
    expect(storableColumn('a\u0000', 4)).toBe('a\\u0');
    expect(storableColumn('abc', 5)).toBe('abc');
  });

  it('keeps null as null', () => {
    expect(storableOrNull(null)).toBeNull();
    expect(storableOrNull(undefined)).toBeNull();
    expect(storableOrNull('\u0000')).toBe('\\u0000');
  });
});
