import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyFile, readKeyFile } from './key-file';
import { keyFingerprint } from './key-fingerprint';
import { SigningKeyError } from './signing-key-error';

const KEY = Buffer.from('k'.repeat(64));

describe('the key file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scimd-key-file-'));
  });
  afterEach(() => {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  });

  const refusal = (path: string): string => {
    try {
      readKeyFile(path);
    } catch (error) {
      expect(error).toBeInstanceOf(SigningKeyError);
      return (error as Error).message;
    }
    throw new Error('readKeyFile did not throw');
  };

  it('is created 0600 whatever the umask, with its directories 0700, holding exactly the key', () => {
    const path = join(dir, 'a', 'b', 'scimd.key');
    const umask = process.umask(0);
    try {
      expect(createKeyFile(path, KEY)).toBe('created');
    } finally {
      process.umask(umask);
    }
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o700);
    expect(readFileSync(path)).toEqual(KEY);
    expect(readKeyFile(path)).toEqual({ key: KEY, mode: 0o600 });
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['scimd.key']); // no temporary file left
  });

  it('is never overwritten: a second creation finds it there and leaves it as it is', () => {
    const path = join(dir, 'scimd.key');
    expect(createKeyFile(path, KEY)).toBe('created');
    expect(createKeyFile(path, Buffer.from('o'.repeat(64)))).toBe('exists');
    expect(readFileSync(path)).toEqual(KEY);
    expect(readdirSync(dir)).toEqual(['scimd.key']);
  });

  it('is absent: undefined', () => {
    expect(readKeyFile(join(dir, 'scimd.key'))).toBeUndefined();
  });

  it('is read without the whitespace around the key (a trailing newline is not part of it)', () => {
    const path = join(dir, 'scimd.key');
    writeFileSync(path, `  ${KEY.toString()}\r\n`, { mode: 0o644 });
    expect(readKeyFile(path)).toEqual({ key: KEY, mode: 0o644 });
  });

  it('is refused when empty, too short, too large, a directory or unreadable', () => {
    const path = join(dir, 'scimd.key');
    writeFileSync(path, '\n');
    expect(refusal(path)).toBe(
      `KEY_FILE ${path} holds 0 characters; a key has at least 32. Restore the file from its backup (a new key makes every issued credential stop working)`,
    );
    writeFileSync(path, 'x'.repeat(31));
    expect(refusal(path)).toMatch(/holds 31 characters; a key has at least 32/);
    writeFileSync(path, 'x'.repeat(5000));
    expect(refusal(path)).toBe(`KEY_FILE ${path} holds 5000 bytes: not a key file (a key is 32 to 4096 characters)`);
    mkdirSync(join(dir, 'directory'));
    expect(refusal(join(dir, 'directory'))).toBe(`KEY_FILE ${join(dir, 'directory')} is not a regular file`);
    if (process.getuid?.() !== 0) {
      writeFileSync(path, KEY, { mode: 0o000 });
      chmodSync(path, 0o000);
      expect(refusal(path)).toBe(
        `KEY_FILE ${path} cannot be read (EACCES): it must be readable by the user scimd runs as`,
      );
    }
  });

  it('cannot be created in a directory scimd may not write: a clear refusal', () => {
    if (process.getuid?.() === 0) return; // root writes anywhere
    chmodSync(dir, 0o500);
    const path = join(dir, 'scimd.key');
    expect(() => createKeyFile(path, KEY)).toThrow(
      new SigningKeyError(
        `cannot write KEY_FILE ${path} (EACCES): make its directory writable by the user scimd runs as, or set KEY_FILE`,
      ),
    );
  });
});

describe('keyFingerprint', () => {
  it('is 22 base64url characters, the same for the same key, different for another', () => {
    expect(keyFingerprint(KEY)).toMatch(/^[\w-]{22}$/);
    expect(keyFingerprint(Buffer.from(KEY))).toBe(keyFingerprint(KEY));
    expect(keyFingerprint(Buffer.from('o'.repeat(64)))).not.toBe(keyFingerprint(KEY));
    expect(keyFingerprint(KEY)).not.toContain(KEY.toString().slice(0, 8));
  });
});
