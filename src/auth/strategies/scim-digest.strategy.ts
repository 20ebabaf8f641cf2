import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { FastifyRequest } from 'fastify';
import { requestState } from '../../common/http/request-state';
import { clientUrlOf } from '../../common/http/scim-fastify-adapter';
import { tenantOf } from '../../tenancy/scim-context';
import { DigestAuthenticator, DigestFailure } from '../digest/digest-authenticator';
import { DigestStrategy } from '../digest/digest.strategy';
import { ScimPrincipal } from '../principal';

export const SCIM_DIGEST = 'scim-digest';

declare module '../../common/http/request-state' {
  interface RequestState {
    /** Why a Digest credential failed: the strategy leaves it for the guard's challenge. */
    digestFailure?: DigestFailure;
  }
}

/** Why the Digest credential of this request failed ('none' when it did not, or none was sent). */
export function digestFailureOf(request: FastifyRequest): DigestFailure | 'none' {
  return requestState(request.raw).digestFailure ?? 'none';
}

/** `digest` method (RFC 7616): the response is checked against the server's sealed HA1 values. */
@Injectable()
export class ScimDigestStrategy extends PassportStrategy(DigestStrategy, SCIM_DIGEST) {
  constructor(private readonly digest: DigestAuthenticator) {
    super();
  }

  async validate(request: FastifyRequest, params: Record<string, string>): Promise<ScimPrincipal | false> {
    const server = tenantOf(request);
    if (!server) return false;
    const outcome = await this.digest.authenticate(server.id, params, request.method, clientUrlOf(request));
    if (typeof outcome === 'string') {
      requestState(request.raw).digestFailure = outcome;
      return false;
    }
    return outcome;
  }
}
