import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-log/audit-trail/audit-trail.module';
import { ServersModule } from '../servers/servers.module';
import { AdminCustomAttributesController } from './admin-custom-attributes.controller';
import { CustomAttributesService } from './custom-attributes.service';
import { LookupIndexer } from './lookup-indexer';

@Module({
  imports: [ServersModule, AuditTrailModule],
  controllers: [AdminCustomAttributesController],
  providers: [CustomAttributesService, LookupIndexer],
  exports: [CustomAttributesService],
})
export class CustomAttributesModule {}
