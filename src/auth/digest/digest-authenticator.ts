import { Injectable } from '@nestjs/common';
import { safeEqual } from '../../common/crypto';
import { CredentialsService } from '../../servers/credentials.service';
import { ScimPrincipal } from '../principal';
import { digestRealm, digestResponse, isDigestAlgorithm } from './digest-hash';
import { DigestNonces } from './digest-nonces';

/** Why a Digest credential was refused: `stale` asks the client to retry with the fresh nonce. */
export type DigestFailure = 'malformed' | 'invalid' | 'stale' | 'replayed';

const REQUIRED = ['username', 'realm', 'nonce', 'uri', 'response', 'qop', 'nc', 'cnonce'] as const;

/**
 * Checks a Digest response (RFC 7616, `qop=auth`, MD5 or SHA-256) against the HA1 values of the
 * server's credentials for the username: realm, URI, nonce (issued by scimd for this server, not
 * expired) and nonce count (higher than any accepted before, on any instance) must all hold.
 */
@Injectable()
export class DigestAuthenticator {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly nonces: DigestNonces,
  ) {}

  async authenticate(
    serverId: string,
    params: Record<string, string>,
    method: string,
    requestUri: string,
  ): Promise<ScimPrincipal | DigestFailure> {
    if (REQUIRED.some((name) => params[name] === undefined)) return 'malformed';
    const algorithm = params.algorithm ?? 'MD5';
    if (
      !isDigestAlgorithm(algorithm) ||
      params.qop !== 'auth' ||
      params.realm !== digestRealm(serverId) ||
      params.uri !== requestUri
    )
      return 'invalid';
    const nonce = this.nonces.check(serverId, params.nonce);
    if (nonce === 'invalid') return 'invalid';
    const input = {
      nonce: params.nonce,
      nc: params.nc,
      cnonce: params.cnonce,
      qop: params.qop,
      method,
      uri: params.uri,
    };
    let credentialId: string | undefined;
    for (const secret of await this.credentials.digestSecrets(serverId, params.username)) {
      if (safeEqual(digestResponse(algorithm, secret.ha1[algorithm], input), params.response.toLowerCase()))
        credentialId = secret.credentialId;
    }
    if (credentialId === undefined) return 'invalid';
    if (nonce === 'stale') return 'stale';
    if (!(await this.nonces.use(serverId, params.nonce, params.nc))) return 'replayed';
    return { serverId, method: 'digest', credentialId };
  }
}
