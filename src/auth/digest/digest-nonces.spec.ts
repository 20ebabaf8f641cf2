import { DataSource } from 'typeorm';
import { TokenSigner } from '../token-signer.service';
import { DigestNonces, NONCE_LIFETIME_MS } from './digest-nonces';

const signer = { derivedKey: () => Buffer.alloc(32, 3) } as unknown as TokenSigner;

describe('DigestNonces.check (stateless part)', () => {
  const nonces = new DigestNonces(signer, {} as DataSource);
  const now = Date.UTC(2026, 10, 24);

  it('accepts its own nonce for its server until it is older than the lifetime, then calls it stale', () => {
    const nonce = nonces.issue('server-a', now);
    expect(nonces.check('server-a', nonce, now)).toBe('valid');
    expect(nonces.check('server-a', nonce, now + NONCE_LIFETIME_MS)).toBe('valid');
    expect(nonces.check('server-a', nonce, now + NONCE_LIFETIME_MS + 1)).toBe('stale');
  });

  it("refuses another server's nonce, a forged MAC, a changed time, one from the future, garbage", () => {
    const nonce = nonces.issue('server-a', now);
    const [issued, random, mac] = nonce.split('.');
    expect(nonces.check('server-b', nonce, now)).toBe('invalid');
    expect(nonces.check('server-a', `${issued}.${random}.${'A'.repeat(mac.length)}`, now)).toBe('invalid');
    expect(nonces.check('server-a', `${(now + 1000).toString(36)}.${random}.${mac}`, now)).toBe('invalid');
    expect(nonces.check('server-a', nonces.issue('server-a', now + 120_000), now)).toBe('invalid');
    for (const bad of ['', 'a.b', 'a.b.c.d', '...']) expect(nonces.check('server-a', bad, now)).toBe('invalid');
  });
});
