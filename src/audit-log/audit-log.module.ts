import { Module } from '@nestjs/common';
import { ServersModule } from '../servers/servers.module';
import { AdminLogStatsController } from './admin-log-stats.controller';
import { AdminRequestLogsController } from './admin-request-logs.controller';
import { RequestLogRepository } from './request-log.repository';
import { RequestLogWriter } from './request-log/request-log.writer';
import { RequestLogsService } from './request-logs.service';

/**
 * The per-server request log: SCIM requests of servers with `logRequests` on, and refused
 * authentications of every server, written in batches off the request path (hooks installed by
 * bootstrap.ts), read and deleted through the admin API. The admin audit trail will live here too.
 */
@Module({
  imports: [ServersModule],
  controllers: [AdminRequestLogsController, AdminLogStatsController],
  providers: [RequestLogRepository, RequestLogWriter, RequestLogsService],
  exports: [RequestLogWriter, RequestLogsService],
})
export class AuditLogModule {}
