import { randomUUID } from 'node:crypto';
import { randomSecret, sha256Hex } from '../common/crypto';
import { isUuid } from '../common/uuid';

/**
 * The header a self-test run authenticates with. Not `Authorization`: that belongs to the server's
 * security method (a Basic, Digest, Bearer or OAuth guard reads it), and the self-test must work
 * whatever the method. Request headers are never written to the request log.
 */
export const SELF_TEST_HEADER = 'x-scimd-self-test';

/** The User-Agent of every self-test request, so that the request log shows them for what they are. */
export const SELF_TEST_USER_AGENT = 'scimd-self-test/1';

const PREFIX = 'st1';

export interface MintedSelfTestCredential {
  id: string;
  /** `st1.<credential id>.<32 random bytes>`: held in memory for the run, never stored, logged or returned. */
  token: string;
  /** SHA-256 of the token: what the credentials table keeps. */
  hash: string;
}

/** A new self-test credential: a random id and a high-entropy secret (hashed with SHA-256, like bearer tokens). */
export function mintSelfTestCredential(): MintedSelfTestCredential {
  const id = randomUUID();
  const token = `${PREFIX}.${id}.${randomSecret(32)}`;
  return { id, token, hash: sha256Hex(token) };
}

/** The credential id a presented self-test token names, or undefined when it is not one. */
export function selfTestCredentialId(token: string): string | undefined {
  const [prefix, id, secret, ...rest] = token.split('.');
  return prefix === PREFIX && rest.length === 0 && isUuid(id ?? '') && (secret ?? '').length >= 43
    ? id.toLowerCase()
    : undefined;
}
