import { ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthGuard } from '@nestjs/passport';
import { ScimError } from '../../scim/errors/scim-error';
import { digestRealm } from '../digest/digest-hash';
import { DigestNonces } from '../digest/digest-nonces';
import { tenantOf } from '../../tenancy/scim-context';
import { digestFailureOf, SCIM_DIGEST } from '../strategies/scim-digest.strategy';

const DETAIL: Record<string, string> = {
  none: 'Authentication required: answer the Digest challenge (qop=auth, SHA-256 or MD5)',
  malformed: 'The Digest credentials lack username, realm, nonce, uri, response, qop, nc or cnonce',
  invalid:
    'The Digest credentials are not valid for this identity server (wrong password, username, realm, URI or nonce)',
  stale: 'The nonce has expired: retry with the new nonce (stale=true)',
  replayed: 'The nonce count was already used: a replayed request is refused',
};

/**
 * Runs the Digest strategy; a failure becomes a SCIM 401 with two challenges, SHA-256 first (RFC 7616
 * §3.7), each with a fresh nonce for this server, and `stale=true` when only the nonce had expired.
 */
@Injectable()
export class ScimDigestGuard extends AuthGuard(SCIM_DIGEST) {
  constructor(private readonly nonces: DigestNonces) {
    super();
  }

  override handleRequest<T>(err: unknown, user: T, _info: unknown, context: ExecutionContext): T {
    if (err) throw err;
    if (user) return user;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const serverId = tenantOf(request)!.id;
    const failure = digestFailureOf(request);
    const challenge = (algorithm: string) =>
      `Digest realm="${digestRealm(serverId)}", qop="auth", algorithm=${algorithm}, nonce="${this.nonces.issue(serverId)}", stale=${failure === 'stale' ? 'true' : 'false'}`;
    throw new ScimError(401, undefined, DETAIL[failure], {
      'www-authenticate': [challenge('SHA-256'), challenge('MD5')],
    });
  }
}
