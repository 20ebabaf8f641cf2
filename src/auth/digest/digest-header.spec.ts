import { parseDigestHeader } from './digest-header';

describe('parseDigestHeader', () => {
  it('reads quoted and token parameters, names case-insensitively, escapes inside quotes', () => {
    expect(
      parseDigestHeader(
        'Digest username="Mufasa", Realm="a, b", nonce="x\\"y", uri="/dir?q=1", qop=auth, nc=00000001, algorithm=SHA-256',
      ),
    ).toEqual({
      username: 'Mufasa',
      realm: 'a, b',
      nonce: 'x"y',
      uri: '/dir?q=1',
      qop: 'auth',
      nc: '00000001',
      algorithm: 'SHA-256',
    });
    expect(parseDigestHeader('digest   a="1"')).toEqual({ a: '1' });
  });

  it('refuses what is not a Digest credential or is malformed', () => {
    for (const header of [
      undefined,
      '',
      'Basic abc',
      'Digest',
      'Digest username="unterminated',
      'Digest =x',
      'Digest a="1" b="2"',
      'Digest a="1",, b',
    ]) {
      expect(parseDigestHeader(header)).toBeUndefined();
    }
  });
});
