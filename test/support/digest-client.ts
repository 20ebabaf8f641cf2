import { createHash, randomBytes } from 'node:crypto';

export type DigestAlgorithm = 'SHA-256' | 'MD5';

export const digestHash = (algorithm: DigestAlgorithm, text: string): string =>
  createHash(algorithm === 'MD5' ? 'md5' : 'sha256')
    .update(text)
    .digest('hex');

/** The challenge parameters of one WWW-Authenticate value (a client's view). */
export function challengeOf(value: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of value.replace(/^Digest\s+/, '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g))
    params[m[1]] = m[2] ?? m[3];
  return params;
}

/** An RFC 7616 client: answers a challenge for one request. */
export function digestAuthorization(
  challenge: Record<string, string>,
  o: {
    username: string;
    password: string;
    method: string;
    uri: string;
    nc?: number;
    algorithm?: DigestAlgorithm;
    realm?: string;
  },
): string {
  const algorithm = o.algorithm ?? (challenge.algorithm as DigestAlgorithm);
  const realm = o.realm ?? challenge.realm;
  const nc = (o.nc ?? 1).toString(16).padStart(8, '0');
  const cnonce = randomBytes(8).toString('hex');
  const ha1 = digestHash(algorithm, `${o.username}:${realm}:${o.password}`);
  const ha2 = digestHash(algorithm, `${o.method}:${o.uri}`);
  const response = digestHash(algorithm, `${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${o.username}", realm="${realm}", nonce="${challenge.nonce}", uri="${o.uri}", algorithm=${algorithm}, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
}
