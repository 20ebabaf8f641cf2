import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { ServersModule } from '../servers/servers.module';
import { ServerResolverGuard } from './server-resolver.guard';

/** What every SCIM controller needs: server resolution, access limits and per-server authentication. */
@Module({
  imports: [ServersModule, AccessModule, AuthModule],
  providers: [ServerResolverGuard],
  exports: [ServersModule, AccessModule, AuthModule, ServerResolverGuard],
})
export class ScimApiModule {}
