import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-log/audit-trail/audit-trail.module';
import { ServersModule } from '../servers/servers.module';
import { AdminSelfTestController } from './admin-self-test.controller';
import { SelfTestService } from './self-test.service';

/** POST /admin/servers/:id/self-test and the CLI's `self-test`: an identity server checked over HTTP, as an IdP sees it. */
@Module({
  imports: [ServersModule, AuditTrailModule],
  controllers: [AdminSelfTestController],
  providers: [SelfTestService],
  exports: [SelfTestService],
})
export class SelfTestModule {}
