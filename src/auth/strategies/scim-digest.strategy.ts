import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { FastifyRequest } from 'fastify';
import { clientUrlOf } from '../../common/http/scim-fastify-adapter';
import { tenantOf } from '../../tenancy/scim-context';
import { DigestAuthenticator, DigestFailure } from '../digest/digest-authenticator';
import { DigestStrategy } from '../digest/digest.strategy';
import { ScimPrincipal } from '../principal';

export const SCIM_DIGEST = 'scim-digest';

/** Where the strategy leaves why a Digest credential failed, for the guard's challenge. */
export type DigestRequest = FastifyRequest & { digestFailure?: DigestFailure };

/** `digest` method (RFC 7616): the response is checked against the server's sealed HA1 values. */
@Injectable()
export class ScimDigestStrategy extends PassportStrategy(DigestStrategy, SCIM_DIGEST) {
  constructor(private readonly digest: DigestAuthenticator) {
    super();
  }

  async validate(request: DigestRequest, params: Record<string, string>): Promise<ScimPrincipal | false> {
    const server = tenantOf(request);
    if (!server) return false;
    const outcome = await this.digest.authenticate(
      server.id,
      params,
      request.method,
      clientUrlOf(request as unknown as FastifyRequest),
    );
    if (typeof outcome === 'string') {
      request.digestFailure = outcome;
      return false;
    }
    return outcome;
  }
}
