import { Module } from '@nestjs/common';
import { ServersModule } from '../servers/servers.module';
import { TenantDirectory } from './tenant-directory';

/** The identity servers as SCIM requests see them: resolved once per request, settings decoded once per row. */
@Module({
  imports: [ServersModule],
  providers: [TenantDirectory],
  exports: [TenantDirectory],
})
export class TenancyModule {}
