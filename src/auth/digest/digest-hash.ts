import { createHash } from 'node:crypto';

/** The algorithms scimd accepts (RFC 7616 §3.2: SHA-256 preferred, MD5 for older clients). */
export const DIGEST_ALGORITHMS = { 'SHA-256': 'sha256', MD5: 'md5' } as const;
export type DigestAlgorithm = keyof typeof DIGEST_ALGORITHMS;

export function isDigestAlgorithm(value: string): value is DigestAlgorithm {
  return Object.hasOwn(DIGEST_ALGORITHMS, value);
}

function h(algorithm: DigestAlgorithm, text: string): string {
  return createHash(DIGEST_ALGORITHMS[algorithm]).update(text, 'utf8').digest('hex');
}

/** HA1 = H(username:realm:password) (RFC 7616 §3.4.2): what is stored, not the password. */
export function digestHa1(algorithm: DigestAlgorithm, username: string, realm: string, password: string): string {
  return h(algorithm, `${username}:${realm}:${password}`);
}

/** The response a client computes for `qop=auth` (RFC 7616 §3.4.1). */
export function digestResponse(
  algorithm: DigestAlgorithm,
  ha1: string,
  p: { nonce: string; nc: string; cnonce: string; qop: string; method: string; uri: string },
): string {
  const ha2 = h(algorithm, `${p.method}:${p.uri}`);
  return h(algorithm, `${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
}

/** The realm of a server's Digest credentials: HA1 values of one server are useless at another. */
export function digestRealm(serverId: string): string {
  return `scimd/${serverId}`;
}
