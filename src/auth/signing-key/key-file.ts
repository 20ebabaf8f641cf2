import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { SigningKeyError } from './signing-key-error';

/** As JWT_SECRET: a key is at least this many characters (bytes). */
export const MIN_KEY_LENGTH = 32;
/** Anything larger is not a key file (a misconfigured KEY_FILE pointing at something else). */
const MAX_KEY_FILE_BYTES = 4096;

export interface KeyFileContents {
  /** The file's bytes without surrounding whitespace (a trailing newline is not part of the key). */
  key: Buffer;
  /** Permission bits, e.g. 0o600. */
  mode: number;
}

const reason = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/**
 * The key in `path`, or undefined when there is no file there. Throws a SigningKeyError when it is
 * there but unusable: not a regular file, unreadable by this user, too large, empty or too short.
 */
export function readKeyFile(path: string): KeyFileContents | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SigningKeyError(
      `KEY_FILE ${path} cannot be read (${reason(error)}): it must be readable by the user scimd runs as`,
    );
  }
  if (!stat.isFile()) throw new SigningKeyError(`KEY_FILE ${path} is not a regular file`);
  if (stat.size > MAX_KEY_FILE_BYTES)
    throw new SigningKeyError(
      `KEY_FILE ${path} holds ${stat.size} bytes: not a key file (a key is ${MIN_KEY_LENGTH} to ${MAX_KEY_FILE_BYTES} characters)`,
    );
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    throw new SigningKeyError(
      `KEY_FILE ${path} cannot be read (${reason(error)}): it must be readable by the user scimd runs as`,
    );
  }
  const key = trimWhitespace(raw);
  if (key.length < MIN_KEY_LENGTH) {
    throw new SigningKeyError(
      `KEY_FILE ${path} holds ${key.length} characters; a key has at least ${MIN_KEY_LENGTH}. ` +
        'Restore the file from its backup (a new key makes every issued credential stop working)',
    );
  }
  return { key, mode: stat.mode & 0o777 };
}

/**
 * Writes `key` to `path` (mode 0600, parent directories created 0700) unless a file is already there:
 * 'exists' then, and the file is left as it is. The key is written and fsynced in a temporary file
 * first and published by a hard link, which fails when `path` exists: of processes creating it at
 * once exactly one wins, and no reader ever sees a half-written key.
 */
export function createKeyFile(path: string, key: Buffer): 'created' | 'exists' {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new SigningKeyError(
      `cannot create the directory of KEY_FILE ${path} (${reason(error)}): make it writable by the user scimd runs as, or set KEY_FILE`,
    );
  }
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeDurably(temporary, key);
    linkSync(temporary, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'exists';
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') {
      throw new SigningKeyError(
        `cannot write KEY_FILE ${path} (${reason(error)}): make its directory writable by the user scimd runs as, or set KEY_FILE`,
      );
    }
    // A file system without hard links: create the file itself exclusively.
    try {
      writeDurably(path, key);
    } catch (direct) {
      if ((direct as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw new SigningKeyError(`cannot write KEY_FILE ${path} (${reason(direct)})`);
    }
  } finally {
    rmSync(temporary, { force: true });
  }
  syncDirectory(dir);
  return 'created';
}

/** Creates `path` exclusively (`wx`), mode 0600 whatever the umask, and writes `data` to disk. */
function writeDurably(path: string, data: Buffer): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes the new directory entry durable too (where directories can be opened: not on Windows). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort: the file's contents are already on disk
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function trimWhitespace(raw: Buffer): Buffer {
  const blank = (byte: number): boolean => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
  let start = 0;
  let end = raw.length;
  while (start < end && blank(raw[start])) start += 1;
  while (end > start && blank(raw[end - 1])) end -= 1;
  return raw.subarray(start, end);
}
