import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { ServersModule } from '../servers/servers.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AccessGuard } from './access.guard';
import { RateLimitGuard } from './rate-limit.guard';
import { ServerResolverGuard } from './server-resolver.guard';

/** What every SCIM controller needs: tenant resolution, access limits and per-server authentication. */
@Module({
  imports: [ServersModule, TenancyModule, AccessModule, AuthModule],
  providers: [ServerResolverGuard, AccessGuard, RateLimitGuard],
  exports: [ServersModule, TenancyModule, AccessModule, AuthModule, ServerResolverGuard, AccessGuard, RateLimitGuard],
})
export class ScimApiModule {}
