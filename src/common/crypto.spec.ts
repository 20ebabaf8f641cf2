import { randomSecret, safeEqual, sha256Hex } from './crypto';

describe('sha256Hex', () => {
  it.each([
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    // UTF-8 bytes c3 a9, not the latin1 byte e9 (de2e331d…)
    ['\u00e9', '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c'],
  ])('hashes %j', (value, expected) => {
    expect(sha256Hex(value)).toBe(expected);
  });
});

describe('safeEqual', () => {
  it.each([
    ['same', 'same', true],
    ['', '', true],
    ['secret-token', 'secret-tokem', false],
    ['short', 'shorter', false],
    ['a', '', false],
    ['Token', 'token', false],
  ])('compares %j and %j as %s', (a, b, expected) => {
    expect(safeEqual(a, b)).toBe(expected);
    expect(safeEqual(b, a)).toBe(expected);
  });
});

describe('randomSecret', () => {
  it.each([
    [undefined, 43],
    [32, 43],
    [16, 22],
    [1, 2],
    [48, 64],
  ])('with %s bytes has %i base64url characters', (bytes, length) => {
    const secret = randomSecret(bytes);
    expect(secret).toHaveLength(length);
    expect(secret).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(bytes ?? 32);
  });

  it('is different every time', () => {
    const secrets = new Set(Array.from({ length: 100 }, () => randomSecret()));
    expect(secrets.size).toBe(100);
  });
});
