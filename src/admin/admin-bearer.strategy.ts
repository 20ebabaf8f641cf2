import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import { AdminTokenService } from './admin-token.service';

export const ADMIN_BEARER = 'admin-bearer';

export interface AdminPrincipal {
  kind: 'admin';
}

@Injectable()
export class AdminBearerStrategy extends PassportStrategy(Strategy, ADMIN_BEARER) {
  constructor(private readonly tokens: AdminTokenService) {
    super({ realm: 'scimd-admin' });
  }

  async validate(token: string): Promise<AdminPrincipal | false> {
    return (await this.tokens.verify(token)) ? { kind: 'admin' } : false;
  }
}
