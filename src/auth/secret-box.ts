import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { TokenSigner } from './token-signer.service';

const PURPOSE = 'scimd sealed credential secrets v1';
const VERSION = 'v1';

/**
 * Seals the few secrets scimd must recover to check a credential (Digest's HA1 values) with
 * AES-256-GCM, under a key derived from the signing key (JWT_SECRET or the key file). `context` (the
 * credential's server and id) is bound as associated data: a sealed value copied to another
 * credential opens nothing.
 */
@Injectable()
export class SecretBox {
  constructor(private readonly signer: TokenSigner) {}

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.signer.derivedKey(PURPOSE), iv).setAAD(
      Buffer.from(context, 'utf8'),
    );
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      VERSION,
      iv.toString('base64url'),
      sealed.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.');
  }

  /** The plaintext, or undefined when the value is malformed, tampered with, or sealed for another context or key. */
  open(value: string, context: string): string | undefined {
    const [version, iv, sealed, tag, ...rest] = value.split('.');
    if (version !== VERSION || rest.length > 0 || !iv || !sealed || !tag) return undefined;
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        this.signer.derivedKey(PURPOSE),
        Buffer.from(iv, 'base64url'),
      ).setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
