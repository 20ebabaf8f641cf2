import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import { OAuthAccess } from '../../oauth/oauth-access.service';
import { tenantOf } from '../../tenancy/scim-context';
import { ScimPrincipal } from '../principal';

export const SCIM_OAUTH = 'scim-oauth';

/** `oauth2` method: an access token issued by this server's OAuth 2.0 token endpoint, unexpired, its client secret unrevoked. */
@Injectable()
export class ScimOAuthStrategy extends PassportStrategy(Strategy, SCIM_OAUTH) {
  constructor(private readonly access: OAuthAccess) {
    super({ passReqToCallback: true, realm: 'scimd' });
  }

  async validate(request: FastifyRequest, token: string): Promise<ScimPrincipal | false> {
    const server = tenantOf(request);
    if (!server) return false;
    return (await this.access.authenticate(server.id, token)) ?? false;
  }
}
