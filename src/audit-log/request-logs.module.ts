import { Module } from '@nestjs/common';
import { ServersModule } from '../servers/servers.module';
import { RequestLogRepository } from './request-log.repository';
import { RequestLogsService } from './request-logs.service';

/** Reading and deleting request logs: shared by the admin API and the CLI (no timers, no hooks). */
@Module({
  imports: [ServersModule],
  providers: [RequestLogRepository, RequestLogsService],
  exports: [RequestLogRepository, RequestLogsService],
})
export class RequestLogsModule {}
