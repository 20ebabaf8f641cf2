import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { sha256Hex } from '../common/crypto';
import { runPrepared } from '../database/prepared';

export interface StoredToken {
  id: string;
  serverId: string;
  credentialId: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date | null;
}

export interface StoredCode {
  serverId: string;
  redirectUri: string;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  expiresAt: Date;
}

/** Roughly one token in this many also purges what has expired (several instances may: it is idempotent). */
const PURGE_EVERY = 100;

/** OAuth tokens and authorization codes of identity servers, by SHA-256 of their values; every method takes the server id. */
@Injectable()
export class OAuthStore {
  constructor(private readonly dataSource: DataSource) {}

  async saveToken(
    serverId: string,
    credentialId: string,
    access: { token: string; expiresAt: Date },
    refresh?: { token: string; expiresAt: Date },
  ): Promise<void> {
    await runPrepared(
      this.dataSource,
      `INSERT INTO oauth_tokens (id, server_id, credential_id, access_token_hash, access_expires_at, refresh_token_hash, refresh_expires_at)
       VALUES ($2, $1, $3, $4, $5, $6, $7)`,
      [
        serverId,
        randomUUID(),
        credentialId,
        sha256Hex(access.token),
        access.expiresAt,
        refresh ? sha256Hex(refresh.token) : null,
        refresh?.expiresAt ?? null,
      ],
    );
    if (Math.random() * PURGE_EVERY < 1) await this.purge();
  }

  /** Removes tokens that can no longer be used (access and refresh expired) and expired codes; bounded by the expiry indexes, idempotent. */
  async purge(): Promise<void> {
    await runPrepared(
      this.dataSource,
      'DELETE FROM oauth_tokens WHERE access_expires_at < now() AND (refresh_expires_at IS NULL OR refresh_expires_at < now() OR refresh_revoked_at IS NOT NULL)',
      [],
    );
    await runPrepared(this.dataSource, 'DELETE FROM oauth_codes WHERE expires_at < now()', []);
  }

  /** The unexpired access token of the server (the request path: one indexed lookup). */
  async accessToken(serverId: string, token: string): Promise<StoredToken | undefined> {
    const { rows } = await runPrepared<TokenRow>(
      this.dataSource,
      `SELECT id, server_id, credential_id, access_expires_at, refresh_expires_at FROM oauth_tokens
        WHERE access_token_hash = $2 AND server_id = $1 AND access_expires_at > now()`,
      [serverId, sha256Hex(token)],
    );
    return rows[0] && toToken(rows[0]);
  }

  /** The unexpired, unused refresh token of the server. */
  async refreshToken(serverId: string, token: string): Promise<StoredToken | undefined> {
    const { rows } = await runPrepared<TokenRow>(
      this.dataSource,
      `SELECT id, server_id, credential_id, access_expires_at, refresh_expires_at FROM oauth_tokens
        WHERE refresh_token_hash = $2 AND server_id = $1 AND refresh_revoked_at IS NULL AND refresh_expires_at > now()`,
      [serverId, sha256Hex(token)],
    );
    return rows[0] && toToken(rows[0]);
  }

  /** Marks a refresh token used; false when it already was (a second use of one refresh token fails). */
  async revokeRefreshToken(serverId: string, token: string): Promise<boolean> {
    const { rowCount } = await runPrepared(
      this.dataSource,
      'UPDATE oauth_tokens SET refresh_revoked_at = now() WHERE refresh_token_hash = $2 AND server_id = $1 AND refresh_revoked_at IS NULL',
      [serverId, sha256Hex(token)],
    );
    return rowCount === 1;
  }

  async saveCode(code: string, stored: StoredCode): Promise<void> {
    await runPrepared(
      this.dataSource,
      `INSERT INTO oauth_codes (code_hash, server_id, redirect_uri, code_challenge, code_challenge_method, expires_at) VALUES ($2, $1, $3, $4, $5, $6)`,
      [
        stored.serverId,
        sha256Hex(code),
        stored.redirectUri,
        stored.codeChallenge,
        stored.codeChallengeMethod,
        stored.expiresAt,
      ],
    );
  }

  async code(serverId: string, code: string): Promise<StoredCode | undefined> {
    const { rows } = await runPrepared<{
      server_id: string;
      redirect_uri: string;
      code_challenge: string | null;
      code_challenge_method: string | null;
      expires_at: Date;
    }>(
      this.dataSource,
      'SELECT server_id, redirect_uri, code_challenge, code_challenge_method, expires_at FROM oauth_codes WHERE code_hash = $2 AND server_id = $1',
      [serverId, sha256Hex(code)],
    );
    const row = rows[0];
    return (
      row && {
        serverId: row.server_id,
        redirectUri: row.redirect_uri,
        codeChallenge: row.code_challenge,
        codeChallengeMethod: row.code_challenge_method,
        expiresAt: row.expires_at,
      }
    );
  }

  /** Removes a code; false when it was already used (a code works once). */
  async deleteCode(serverId: string, code: string): Promise<boolean> {
    const { rowCount } = await runPrepared(
      this.dataSource,
      'DELETE FROM oauth_codes WHERE code_hash = $2 AND server_id = $1',
      [serverId, sha256Hex(code)],
    );
    return rowCount === 1;
  }
}

interface TokenRow {
  id: string;
  server_id: string;
  credential_id: string;
  access_expires_at: Date;
  refresh_expires_at: Date | null;
}

function toToken(row: TokenRow): StoredToken {
  return {
    id: row.id,
    serverId: row.server_id,
    credentialId: row.credential_id,
    accessExpiresAt: row.access_expires_at,
    refreshExpiresAt: row.refresh_expires_at,
  };
}
