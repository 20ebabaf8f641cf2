import { createHmac } from 'node:crypto';

const LABEL = 'scimd key fingerprint v1';

/**
 * What the database keeps of the signing key: a MAC of a fixed label under the key (128 bits,
 * base64url). It tells whether two instances hold the same key and reveals nothing about the key.
 */
export function keyFingerprint(key: Uint8Array): string {
  return createHmac('sha256', key).update(LABEL).digest().subarray(0, 16).toString('base64url');
}
