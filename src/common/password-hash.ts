import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: object,
) => Promise<Buffer>;
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/** One-way hash of a pushed password: `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True only for the right password; a malformed or weak stored value verifies nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash, ...extra] = stored.split('$');
  if (scheme !== 'scrypt' || extra.length > 0 || ![n, r, p].every((v) => /^\d{1,6}$/.test(v ?? ''))) return false;
  const expected = Buffer.from(hash ?? '', 'base64url');
  const saltBytes = Buffer.from(salt ?? '', 'base64url');
  if (expected.length < 16 || saltBytes.length < 8) return false;
  try {
    const key = await scryptAsync(password, saltBytes, expected.length, { N: Number(n), r: Number(r), p: Number(p) });
    return timingSafeEqual(key, expected);
  } catch {
    return false;
  }
}

let placeholder: Promise<string> | undefined;

/**
 * Costs what checking a password costs, and is false: for when there is no stored hash to check
 * (an unknown username, a user without a password), so that the answer's timing does not tell.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  placeholder ??= hashPassword(randomBytes(24).toString('base64url'));
  await verifyPassword(password, await placeholder);
  return false;
}
