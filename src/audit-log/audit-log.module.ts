import { Module } from '@nestjs/common';
import { AdminLogStatsController } from './admin-log-stats.controller';
import { AdminAuditController } from './audit-trail/admin-audit.controller';
import { AuditTrailModule } from './audit-trail/audit-trail.module';
import { AdminRequestLogsController } from './admin-request-logs.controller';
import { LogRetention } from './request-log/log-retention';
import { RequestLogWriter } from './request-log/request-log.writer';
import { RequestLogsModule } from './request-logs.module';

/**
 * The per-server request log: SCIM requests of servers with `logRequests` on, and refused
 * authentications of every server, written in batches off the request path (hooks installed by
 * bootstrap.ts), read and deleted through the admin API, purged after each server's retention.
 * The audit trail of administrative changes (GET /admin/audit) is written by the services that make
 * them, through AuditTrailModule.
 */
@Module({
  imports: [RequestLogsModule, AuditTrailModule],
  controllers: [AdminRequestLogsController, AdminLogStatsController, AdminAuditController],
  providers: [RequestLogWriter, LogRetention],
  exports: [RequestLogWriter, LogRetention],
})
export class AuditLogModule {}
