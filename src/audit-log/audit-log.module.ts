import { Module } from '@nestjs/common';
import { RequestLogRepository } from './request-log.repository';
import { RequestLogWriter } from './request-log/request-log.writer';

/**
 * The per-server request log: SCIM requests of servers with `logRequests` on, and refused
 * authentications of every server, written in batches off the request path (hooks installed by
 * bootstrap.ts). The admin audit trail will live here too.
 */
@Module({
  providers: [RequestLogRepository, RequestLogWriter],
  exports: [RequestLogWriter],
})
export class AuditLogModule {}
