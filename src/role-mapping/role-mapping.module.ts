import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-log/audit-trail/audit-trail.module';
import { ServersModule } from '../servers/servers.module';
import { AdminRoleMappingController } from './admin-role-mapping.controller';
import { RoleMappingRepository } from './role-mapping.repository';
import { RoleMappingService } from './role-mapping.service';

@Module({
  imports: [ServersModule, AuditTrailModule],
  controllers: [AdminRoleMappingController],
  providers: [RoleMappingRepository, RoleMappingService],
  exports: [RoleMappingService],
})
export class RoleMappingModule {}
