import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomSecret } from '../../common/crypto';
import { AppConfig, InjectConfig } from '../../config/config.module';
import { SystemSecretsRepository } from '../../system/system-secrets.repository';
import { createKeyFile, KeyFileContents, readKeyFile } from './key-file';
import { keyFingerprint } from './key-fingerprint';
import { SigningKeyError } from './signing-key-error';

/** Where versions before the key file kept the key, in clear (system_secrets): moved out once, then deleted. */
export const LEGACY_KEY_NAME = 'jwt_hs256_key';
export const FINGERPRINT_NAME = 'jwt_key_fingerprint';

interface Obtained {
  key: Buffer;
  /** Names it in messages: "JWT_SECRET", "KEY_FILE /path", … */
  source: string;
  /** The key was moved out of the database into the key file (log it once the row is gone). */
  moved?: string;
  /** In memory only: the database's key stays where it is, having nowhere else to go. */
  keepLegacy?: boolean;
}

const mismatch = (source: string, legacy: boolean): string =>
  `the signing key of this instance (${source}) differs from the one the credentials in this database were issued with` +
  (legacy ? ' (the key an older scimd kept in the database)' : '') +
  '. Every instance on one database must use the same key: the same KEY_FILE (one file, mounted on each) or the same JWT_SECRET. ' +
  'Give this instance that key and start it again; or, to replace the key deliberately, start one instance once with KEY_ROTATE=true: ' +
  'every bearer token and Digest credential issued so far then stops working and must be issued anew';

/**
 * Finds the key scimd signs its tokens with, and derives the Digest keys from: JWT_SECRET, or the key
 * file (KEY_FILE, `<DATA_DIR>/scimd.key` by default), generated at first start. The key never sits in
 * the database, so a dump of it alone forges no credential: a key an older version stored there is
 * moved into the key file once and deleted. The database keeps only the key's fingerprint, so that an
 * instance holding another key than the one its credentials were issued with refuses to start.
 */
@Injectable()
export class SigningKeyLoader {
  private readonly logger = new Logger('SigningKey');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly secrets: SystemSecretsRepository,
    private readonly dataSource: DataSource,
  ) {}

  async load(): Promise<Buffer> {
    const legacy = await this.secrets.find(LEGACY_KEY_NAME);
    const obtained = this.obtain(legacy);
    await this.settle(obtained, legacy);
    if (obtained.moved)
      this.logger.warn(
        `moved the signing key out of the database into ${obtained.moved}; back that file up, apart from the database`,
      );
    return obtained.key;
  }

  private obtain(legacy: string | undefined): Obtained {
    if (this.config.jwtSecret !== undefined)
      return { key: Buffer.from(this.config.jwtSecret, 'utf8'), source: 'JWT_SECRET' };
    const path = this.config.keyFile;
    if (path === undefined) {
      if (legacy === undefined)
        return {
          key: Buffer.from(randomSecret(48), 'utf8'),
          source: 'a key in memory (DATA_DIR=memory:// and no KEY_FILE)',
        };
      this.logger.warn('the signing key is still kept in the database: set KEY_FILE (or JWT_SECRET) to move it out');
      return { key: Buffer.from(legacy, 'utf8'), source: 'the key kept in the database', keepLegacy: true };
    }
    const existing = readKeyFile(path);
    if (existing) return this.fromFile(path, existing);
    const created = createKeyFile(path, Buffer.from(legacy ?? randomSecret(48), 'utf8'));
    // 'exists': another process starting at the same time created it first; use its key.
    const written = readKeyFile(path);
    if (!written) throw new SigningKeyError(`KEY_FILE ${path} vanished while scimd was starting`);
    if (created === 'created' && legacy === undefined)
      this.logger.log(`generated a new signing key into ${path}; back that file up, apart from the database`);
    return { ...this.fromFile(path, written), moved: created === 'created' && legacy !== undefined ? path : undefined };
  }

  private fromFile(path: string, file: KeyFileContents): Obtained {
    if ((file.mode & 0o077) !== 0) {
      this.logger.warn(
        `KEY_FILE ${path} can be read by other users (mode 0${file.mode.toString(8)}): make it 0600 (chmod 600), ` +
          'or 0400/0440 for a mounted secret (Kubernetes defaultMode); whoever can read it can forge every credential',
      );
    }
    return { key: file.key, source: `KEY_FILE ${path}` };
  }

  /**
   * Checks the key against the database's fingerprint (or, before there is one, against the key an
   * older version kept there), stores the fingerprint and deletes that old key, in one transaction.
   */
  private async settle({ key, source, keepLegacy }: Obtained, legacy: string | undefined): Promise<void> {
    const mine = keyFingerprint(key);
    await this.dataSource.transaction(async (em) => {
      const stored = await this.secrets.find(FINGERPRINT_NAME, em);
      const expected = stored ?? (legacy === undefined ? undefined : keyFingerprint(Buffer.from(legacy, 'utf8')));
      if (expected !== undefined && expected !== mine) {
        if (!this.config.keyRotate) throw new SigningKeyError(mismatch(source, stored === undefined));
        await this.secrets.upsert(FINGERPRINT_NAME, mine, em);
        this.logger.warn(
          `KEY_ROTATE=true: the signing key is now ${source}; every bearer token and Digest credential issued under the previous key ` +
            'no longer works (issue new ones). Remove KEY_ROTATE: left set, it would let an instance with a wrong key start',
        );
      } else {
        // Several instances starting at once: the first fingerprint stored wins, and a different key loses.
        const { value } = await this.secrets.findOrCreate(FINGERPRINT_NAME, mine, em);
        if (value !== mine) throw new SigningKeyError(mismatch(source, false));
        if (this.config.keyRotate)
          this.logger.warn(
            'KEY_ROTATE=true, but the signing key has not changed: nothing to rotate; remove KEY_ROTATE',
          );
      }
      if (legacy !== undefined && !keepLegacy) await this.secrets.remove(LEGACY_KEY_NAME, em);
    });
  }
}
