import { digestHa1, digestRealm, digestResponse, isDigestAlgorithm } from './digest-hash';

// RFC 7616 §3.9.1: the same request answered with MD5 and with SHA-256.
const EXAMPLE = {
  username: 'Mufasa',
  realm: 'http-auth@example.org',
  password: 'Circle of Life',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  nc: '00000001',
  qop: 'auth',
  method: 'GET',
  uri: '/dir/index.html',
};

describe('digest hashes (RFC 7616 §3.9.1 example)', () => {
  it.each([
    ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
    ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
  ] as const)('%s response', (algorithm, expected) => {
    const ha1 = digestHa1(algorithm, EXAMPLE.username, EXAMPLE.realm, EXAMPLE.password);
    expect(digestResponse(algorithm, ha1, EXAMPLE)).toBe(expected);
  });

  it('knows SHA-256 and MD5 only (no -sess variants, no SHA-512-256)', () => {
    expect(['SHA-256', 'MD5', 'MD5-sess', 'SHA-512-256', 'sha-256', 'constructor'].map(isDigestAlgorithm)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('gives every server its own realm', () => {
    expect(digestRealm('0b1e…')).toBe('scimd/0b1e…');
  });
});
