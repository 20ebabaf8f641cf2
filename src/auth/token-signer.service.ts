import { Injectable, OnModuleInit } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { hkdfSync } from 'node:crypto';
import { InjectConfig, AppConfig } from '../config/config.module';
import { SigningKeyLoader } from './signing-key/signing-key.loader';

const AUDIENCE = 'scimd:scim';

export interface VerifiedToken {
  serverId: string;
  credentialId: string;
  /** When the token expires (ms since the epoch). */
  expiresAt: number;
}

/**
 * Signs and verifies the long-lived bearer tokens handed to IdPs (HS256). The key comes from
 * JWT_SECRET or the key file, never from the database (see SigningKeyLoader); it is never logged. The
 * keys that seal Digest credentials and sign Digest nonces are derived from it.
 */
@Injectable()
export class TokenSigner implements OnModuleInit {
  private key: Uint8Array;
  private readonly derived = new Map<string, Buffer>();

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly loader: SigningKeyLoader,
  ) {}

  async onModuleInit(): Promise<void> {
    this.key = new Uint8Array(await this.loader.load());
  }

  /**
   * A 32-byte key for another purpose (sealing secrets, signing nonces), derived from the same secret
   * with HKDF-SHA-256 and `purpose` as info: one secret to configure, independent keys.
   */
  derivedKey(purpose: string): Buffer {
    let key = this.derived.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), purpose, 32));
      this.derived.set(purpose, key);
    }
    return key;
  }

  async sign(serverId: string, credentialId: string, expiresAt: Date): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.config.publicUrl)
      .setAudience(AUDIENCE)
      .setSubject(serverId)
      .setJti(credentialId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
  }

  /** The token's server and credential, or undefined when it is malformed, forged or expired. */
  async verify(token: string): Promise<VerifiedToken | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], audience: AUDIENCE });
      if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string' || typeof payload.exp !== 'number')
        return undefined;
      return { serverId: payload.sub, credentialId: payload.jti, expiresAt: payload.exp * 1000 };
    } catch (error) {
      if (error instanceof errors.JOSEError) return undefined;
      throw error;
    }
  }
}
