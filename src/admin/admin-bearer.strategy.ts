import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-http-bearer';
import { AdminTokenService } from './admin-token.service';

export const ADMIN_BEARER = 'admin-bearer';

export interface AdminPrincipal {
  kind: 'admin';
}

/** A wrong admin token from an address in a backoff: 429, with the seconds to wait for Retry-After. */
export class AdminTokenThrottled extends HttpException {
  constructor(
    readonly ip: string,
    readonly retryAfter: number,
  ) {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `Too many wrong admin tokens from ${ip}; retry in ${retryAfter} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

@Injectable()
export class AdminBearerStrategy extends PassportStrategy(Strategy, ADMIN_BEARER) {
  constructor(private readonly tokens: AdminTokenService) {
    super({ realm: 'scimd-admin', passReqToCallback: true });
  }

  async validate(request: FastifyRequest, token: string): Promise<AdminPrincipal | false> {
    const checked = await this.tokens.check(token, request.ip);
    if (checked.valid) return { kind: 'admin' };
    if (checked.retryAfter > 0) throw new AdminTokenThrottled(request.ip, checked.retryAfter);
    return false;
  }
}
