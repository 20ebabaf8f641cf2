import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { runPrepared } from '../../database/prepared';
import { TokenSigner } from '../token-signer.service';

/** How long a nonce may be used; after that a request is answered with a fresh one and `stale=true`. */
export const NONCE_LIFETIME_MS = 5 * 60 * 1000;
const PURPOSE = 'scimd digest nonces v1';
/** Roughly one nonce use in this many also removes the expired nonce rows (bounded, idempotent). */
const PURGE_EVERY = 200;

export type NonceState = 'valid' | 'stale' | 'invalid';

/**
 * Digest nonces without a nonce table to issue them: a nonce is its issue time, random bytes and an
 * HMAC over them and the server id, so every instance can check what any instance issued, and a
 * forged or another server's nonce fails. Replays are caught by the nonce count, kept in PostgreSQL
 * (`digest_nonces`) once a nonce has authenticated a request.
 */
@Injectable()
export class DigestNonces {
  constructor(
    private readonly signer: TokenSigner,
    private readonly dataSource: DataSource,
  ) {}

  issue(serverId: string, now = Date.now()): string {
    const body = `${now.toString(36)}.${randomBytes(12).toString('base64url')}`;
    return `${body}.${this.mac(serverId, body)}`;
  }

  check(serverId: string, nonce: string, now = Date.now()): NonceState {
    const [issued, random, mac, ...rest] = nonce.split('.');
    if (!issued || !random || !mac || rest.length > 0) return 'invalid';
    const expected = Buffer.from(this.mac(serverId, `${issued}.${random}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    const at = parseInt(issued, 36);
    if (!Number.isFinite(at) || at > now + 60_000) return 'invalid';
    return now - at > NONCE_LIFETIME_MS ? 'stale' : 'valid';
  }

  /**
   * Records `nc` (hex) for the nonce; false when a request with this count or a higher one was
   * already accepted (a replay). One atomic statement: concurrent instances cannot both win.
   */
  async use(serverId: string, nonce: string, nc: string): Promise<boolean> {
    const count = parseInt(nc, 16);
    if (!/^[0-9a-fA-F]{1,8}$/.test(nc) || count < 1) return false;
    const { rows } = await runPrepared(
      this.dataSource,
      `INSERT INTO digest_nonces (nonce, server_id, last_nc, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       ON CONFLICT (nonce) DO UPDATE SET last_nc = EXCLUDED.last_nc
       WHERE digest_nonces.server_id = EXCLUDED.server_id AND digest_nonces.last_nc < EXCLUDED.last_nc
       RETURNING nonce`,
      [nonce, serverId, count, NONCE_LIFETIME_MS / 1000],
    );
    if (Math.random() * PURGE_EVERY < 1) await this.purge();
    return rows.length === 1;
  }

  /** Removes the counts of expired nonces (they no longer authenticate anything). */
  async purge(): Promise<number> {
    const { rowCount } = await runPrepared(this.dataSource, 'DELETE FROM digest_nonces WHERE expires_at < now()', []);
    return rowCount ?? 0;
  }

  private mac(serverId: string, body: string): string {
    return createHmac('sha256', this.signer.derivedKey(PURPOSE))
      .update(`${serverId}|${body}`)
      .digest('base64url')
      .slice(0, 32);
  }
}
