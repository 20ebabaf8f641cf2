import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Leniency } from '../scim/compat/leniency';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { ScimRequest } from './scim-request';

/** The identity server this SCIM request is for, resolved by ServerResolverGuard. */
export const CurrentServer = createParamDecorator((_: unknown, context: ExecutionContext): IdentityServerEntity => {
  const server = context.switchToHttp().getRequest<ScimRequest>().scimServer;
  if (!server) throw new Error('CurrentServer used on a route without ServerResolverGuard');
  return server;
});

/** The dialect departures this SCIM request may take (its server's `strict` setting); they are counted after the response. */
export const RequestLeniency = createParamDecorator((_: unknown, context: ExecutionContext): Leniency => {
  const leniency = context.switchToHttp().getRequest<ScimRequest>().scimLeniency;
  if (!leniency) throw new Error('RequestLeniency used on a route without ServerResolverGuard');
  return leniency;
});
