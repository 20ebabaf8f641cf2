import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ServersModule } from '../servers/servers.module';
import { ServerResolverGuard } from './server-resolver.guard';

/** What every SCIM controller needs: server resolution and per-server authentication. */
@Module({
  imports: [ServersModule, AuthModule],
  providers: [ServerResolverGuard],
  exports: [ServersModule, AuthModule, ServerResolverGuard],
})
export class ScimHttpModule {}
