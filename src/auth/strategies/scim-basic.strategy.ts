import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { BasicStrategy } from 'passport-http';
import { ScimRequest } from '../../scim-api/scim-request';
import { CredentialsService } from '../../servers/credentials.service';
import { ScimPrincipal } from '../principal';

export const SCIM_BASIC = 'scim-basic';

/** `basic` method (RFC 7617): a username and a password checked against the server's credentials. */
@Injectable()
export class ScimBasicStrategy extends PassportStrategy(BasicStrategy, SCIM_BASIC) {
  constructor(private readonly credentials: CredentialsService) {
    super({ passReqToCallback: true, realm: 'scimd' });
  }

  async validate(request: ScimRequest, username: string, password: string): Promise<ScimPrincipal | false> {
    const server = request.scimServer;
    if (!server) return false;
    return (await this.credentials.authenticateBasic(server.id, username, password)) ?? false;
  }
}
