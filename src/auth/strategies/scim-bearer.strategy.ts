import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import { CredentialsService } from '../../servers/credentials.service';
import { tenantOf } from '../../tenancy/scim-context';
import { ScimPrincipal } from '../principal';

export const SCIM_BEARER = 'scim-bearer';

/** `bearer` method: a long-lived JWT issued by scimd for this very server, not revoked, not expired. */
@Injectable()
export class ScimBearerStrategy extends PassportStrategy(Strategy, SCIM_BEARER) {
  constructor(private readonly credentials: CredentialsService) {
    super({ passReqToCallback: true, realm: 'scimd' });
  }

  async validate(request: FastifyRequest, token: string): Promise<ScimPrincipal | false> {
    const server = tenantOf(request);
    if (!server) return false;
    return (await this.credentials.authenticateBearer(server.id, token)) ?? false;
  }
}
