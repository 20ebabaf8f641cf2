import { sha256Hex } from '../common/crypto';
import { mintSelfTestCredential, selfTestCredentialId } from './self-test-credential';

describe('self-test credentials', () => {
  it('mints st1.<uuid>.<43 url-safe characters> with its SHA-256, a new one every time', () => {
    const a = mintSelfTestCredential();
    const b = mintSelfTestCredential();
    expect(a.token).toMatch(/^st1\.[0-9a-f-]{36}\.[\w-]{43}$/);
    expect(a.token.split('.')[1]).toBe(a.id);
    expect(a.hash).toBe(sha256Hex(a.token));
    expect(b.id).not.toBe(a.id);
    expect(b.token).not.toBe(a.token);
  });

  it('reads the credential id of a well-formed token, lower-cased', () => {
    const { id, token } = mintSelfTestCredential();
    expect(selfTestCredentialId(token)).toBe(id);
    expect(selfTestCredentialId(token.replace(id, id.toUpperCase()))).toBe(id);
  });

  it.each([
    ['', 'empty'],
    ['st1', 'prefix only'],
    [`st2.00000000-0000-4000-8000-000000000000.${'a'.repeat(43)}`, 'another version'],
    [`st1.not-a-uuid.${'a'.repeat(43)}`, 'an id that is not a UUID'],
    [`st1.00000000-0000-4000-8000-000000000000.${'a'.repeat(42)}`, 'a short secret'],
    [`st1.00000000-0000-4000-8000-000000000000.${'a'.repeat(43)}.x`, 'an extra part'],
    ['Bearer eyJhbGciOiJIUzI1NiJ9.e30.x', 'a bearer token'],
  ])('refuses %j (%s)', (token) => {
    expect(selfTestCredentialId(token)).toBeUndefined();
  });
});
