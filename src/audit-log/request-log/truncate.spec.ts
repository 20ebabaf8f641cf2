import { MAX_BODY_BYTES, truncateBody } from './truncate';

describe('truncateBody', () => {
  it('keeps a body of up to 64 KiB whole', () => {
    const text = 'a'.repeat(MAX_BODY_BYTES);
    expect(truncateBody(text)).toBe(text);
  });

  it('cuts a larger body at 64 KiB and says how much was dropped', () => {
    const text = 'a'.repeat(MAX_BODY_BYTES + 1000);
    expect(truncateBody(text)).toBe(
      `${'a'.repeat(MAX_BODY_BYTES)}…[truncated: 1000 of ${MAX_BODY_BYTES + 1000} bytes dropped]`,
    );
  });

  it('counts bytes, not characters, and never splits a character', () => {
    // "é" is 2 bytes in UTF-8: 6 characters = 12 bytes; a 5-byte limit keeps 2 characters (4 bytes).
    expect(truncateBody('éééééé', 5)).toBe('éé…[truncated: 8 of 12 bytes dropped]');
    expect(truncateBody('éé', 4)).toBe('éé');
  });
});
