import { scryptSync } from 'node:crypto';
import { hashPassword, verifyPassword } from './password-hash';

describe('hashPassword', () => {
  it('writes scrypt$16384$8$1$<salt>$<hash> in base64url', async () => {
    const stored = await hashPassword('t1meMa$heen');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  });

  it('derives the hash with scrypt from the salt', async () => {
    const stored = await hashPassword('pw');
    const [, , , , salt, hash] = stored.split('$');
    const expected = scryptSync('pw', Buffer.from(salt, 'base64url'), 32, { N: 16384, r: 8, p: 1 });
    expect(hash).toBe(expected.toString('base64url'));
  });

  it('salts: two hashes of the same password differ', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
  });
});

describe('verifyPassword', () => {
  let stored: string;

  beforeAll(async () => {
    stored = await hashPassword('correct horse');
  });

  it('accepts the right password', async () => {
    await expect(verifyPassword('correct horse', stored)).resolves.toBe(true);
  });

  it.each(['Correct horse', 'correct horse ', '', 'wrong'])('refuses the wrong password %j', async (password) => {
    await expect(verifyPassword(password, stored)).resolves.toBe(false);
  });

  it('accepts a hash made elsewhere with the same parameters', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('pw', salt, 32, { N: 16384, r: 8, p: 1 });
    const external = `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    await expect(verifyPassword('pw', external)).resolves.toBe(true);
    await expect(verifyPassword('pW', external)).resolves.toBe(false);
  });

  it.each([
    ['empty', ''],
    ['plain text', 'correct horse'],
    ['another scheme', 'bcrypt$16384$8$1$c2FsdA$aGFzaA'],
    ['no hash', 'scrypt$16384$8$1$c2FsdA'],
    ['an empty hash', 'scrypt$16384$8$1$c2FsdA$'],
  ])('refuses a malformed stored string (%s)', async (_label, malformed) => {
    await expect(verifyPassword('correct horse', malformed)).resolves.toBe(false);
  });

  it('refuses a stored string whose scheme is only similar', async () => {
    await expect(verifyPassword('correct horse', stored.replace(/^scrypt/, 'SCRYPT'))).resolves.toBe(false);
  });

  it.each([
    ['an empty hash part', 'scrypt$16384$8$1$c2FsdHNhbHQ$'],
    ['a hash part that decodes to nothing', 'scrypt$16384$8$1$c2FsdHNhbHQ$='],
    ['a non-numeric cost', 'scrypt$abc$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA'],
    ['an invalid cost', 'scrypt$1$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA'],
    ['extra fields', `scrypt$16384$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA$x`],
  ])('verifies nothing against %s (never throws)', async (_, value) => {
    await expect(verifyPassword('anything', value)).resolves.toBe(false);
  });
});
