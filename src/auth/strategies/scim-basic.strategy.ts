import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { PassportStrategy } from '@nestjs/passport';
import { BasicStrategy } from 'passport-http';
import { tenantOf } from '../../tenancy/scim-context';
import { CredentialsService } from '../../servers/credentials.service';
import { ScimPrincipal } from '../principal';

export const SCIM_BASIC = 'scim-basic';

/** `basic` method (RFC 7617): a username and a password checked against the server's credentials. */
@Injectable()
export class ScimBasicStrategy extends PassportStrategy(BasicStrategy, SCIM_BASIC) {
  constructor(private readonly credentials: CredentialsService) {
    super({ passReqToCallback: true, realm: 'scimd' });
  }

  async validate(request: FastifyRequest, username: string, password: string): Promise<ScimPrincipal | false> {
    const server = tenantOf(request);
    if (!server) return false;
    return (await this.credentials.authenticateBasic(server.id, username, password)) ?? false;
  }
}
