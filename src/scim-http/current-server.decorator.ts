import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { ScimRequest } from './scim-request';

/** The identity server this SCIM request is for, resolved by ServerResolverGuard. */
export const CurrentServer = createParamDecorator((_: unknown, context: ExecutionContext): IdentityServerEntity => {
  const server = context.switchToHttp().getRequest<ScimRequest>().scimServer;
  if (!server) throw new Error('CurrentServer used on a route without ServerResolverGuard');
  return server;
});
