import { Module } from '@nestjs/common';
import { AdminLogStatsController } from './admin-log-stats.controller';
import { AdminRequestLogsController } from './admin-request-logs.controller';
import { LogRetention } from './request-log/log-retention';
import { RequestLogWriter } from './request-log/request-log.writer';
import { RequestLogsModule } from './request-logs.module';

/**
 * The per-server request log: SCIM requests of servers with `logRequests` on, and refused
 * authentications of every server, written in batches off the request path (hooks installed by
 * bootstrap.ts), read and deleted through the admin API, purged after each server's retention.
 * The admin audit trail will live here too.
 */
@Module({
  imports: [RequestLogsModule],
  controllers: [AdminRequestLogsController, AdminLogStatsController],
  providers: [RequestLogWriter, LogRetention],
  exports: [RequestLogWriter, LogRetention],
})
export class AuditLogModule {}
