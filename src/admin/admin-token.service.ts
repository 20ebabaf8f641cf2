import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthFailureThrottle } from '../access/auth-failure-throttle';
import { AuditTrail } from '../audit-log/audit-trail/audit-trail.service';
import { InjectConfig, AppConfig } from '../config/config.module';
import { randomSecret, safeEqual, sha256Hex } from '../common/crypto';
import { SystemSecretsRepository } from '../system/system-secrets.repository';

const HASH_NAME = 'admin_token_sha256';
/** The failed-authentication throttle's scope for guesses at the admin token (admin API and approval form). */
const THROTTLE_SCOPE = 'admin-token';

/** A presented admin token: valid, or not (with the seconds the address must wait, 0 when it need not). */
export type AdminTokenCheck = { valid: true } | { valid: false; retryAfter: number };

export function newAdminToken(): string {
  return `scimd_admin_${randomSecret(32)}`;
}

/**
 * The admin API's bearer token: ADMIN_TOKEN from the environment, or one generated at first start of
 * which only the hash is stored. The generated token is printed once, in a banner on stdout (printBanner), never logged.
 */
@Injectable()
export class AdminTokenService {
  private readonly logger = new Logger('AdminToken');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly secrets: SystemSecretsRepository,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly throttle: AuthFailureThrottle,
  ) {}

  /**
   * Once the server listens (main.ts): make sure an admin token exists. The first time, one is
   * generated, its hash stored, and the token returned for main.ts to print (printBanner), last.
   * Not before listening: a start that then failed (port in use) would have stored a token nobody saw.
   */
  async ensureToken(): Promise<string | undefined> {
    if (this.config.adminToken) return undefined;
    const token = newAdminToken();
    const { created } = await this.secrets.findOrCreate(HASH_NAME, sha256Hex(token));
    if (created) return token;
    this.logger.log('admin token: using the stored hash (rotate with `npm run cli -- admin-token --rotate`)');
    return undefined;
  }

  async verify(token: string): Promise<boolean> {
    if (this.config.adminToken) return safeEqual(token, this.config.adminToken);
    const stored = await this.secrets.find(HASH_NAME);
    return stored !== undefined && safeEqual(sha256Hex(token), stored);
  }

  /**
   * Checks a token presented from `ip`, throttling failures per address as SCIM authentication does
   * (AuthFailureThrottle: 10 free a minute, then doubling backoffs). A valid token always passes and
   * clears the address; a wrong one during a backoff is not counted and gets the seconds left.
   */
  async check(token: string, ip: string): Promise<AdminTokenCheck> {
    if (await this.verify(token)) {
      this.throttle.recordSuccess(ip, THROTTLE_SCOPE);
      return { valid: true };
    }
    const retryAfter = this.throttle.retryAfter(ip, THROTTLE_SCOPE);
    if (retryAfter === 0) this.throttle.recordFailure(ip, THROTTLE_SCOPE);
    return { valid: false, retryAfter };
  }

  /** Replaces the stored token; refused when ADMIN_TOKEN comes from the environment. */
  async rotate(): Promise<string> {
    if (this.config.adminToken) {
      throw new Error('ADMIN_TOKEN is set in the environment: change it there instead of rotating');
    }
    const token = newAdminToken();
    await this.dataSource.transaction(async (em) => {
      await this.secrets.upsert(HASH_NAME, sha256Hex(token), em);
      await this.audit.record(em, { action: 'admin-token.rotated' });
    });
    return token;
  }
}

/** The generated admin token's banner; `write` puts it on stdout (main.ts: after the log lines before it). */
export function printBanner(token: string, write: (text: string) => void = (text) => process.stdout.write(text)): void {
  const line = '='.repeat(78);
  write(
    `\n${line}\n  scimd generated an admin token. It is shown only this once; store it now.\n\n` +
      `    ${token}\n\n  Use it as "Authorization: Bearer <token>" on /admin.\n` +
      `  Lost it? Run: npm run cli -- admin-token --rotate\n${line}\n\n`,
  );
}
