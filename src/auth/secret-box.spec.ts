import { SecretBox } from './secret-box';
import { TokenSigner } from './token-signer.service';

const signer = (byte: number) => ({ derivedKey: () => Buffer.alloc(32, byte) }) as unknown as TokenSigner;

describe('SecretBox', () => {
  const box = new SecretBox(signer(1));

  it('opens what it sealed, for the same context; each seal differs', () => {
    const sealed = box.seal('{"MD5":"abc"}', 'server/credential');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('abc');
    expect(box.open(sealed, 'server/credential')).toBe('{"MD5":"abc"}');
    expect(box.seal('{"MD5":"abc"}', 'server/credential')).not.toBe(sealed);
  });

  it('opens nothing for another context, another key, or a tampered or malformed value', () => {
    const sealed = box.seal('secret', 'a/1');
    expect(box.open(sealed, 'a/2')).toBeUndefined();
    expect(new SecretBox(signer(2)).open(sealed, 'a/1')).toBeUndefined();
    const [v, iv, data, tag] = sealed.split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(box.open([v, iv, flipped.toString('base64url'), tag].join('.'), 'a/1')).toBeUndefined();
    for (const bad of ['', 'v2.a.b.c', 'v1.a.b', 'v1.a.b.c.d', 'v1...']) expect(box.open(bad, 'a/1')).toBeUndefined();
  });
});
