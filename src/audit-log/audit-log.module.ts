import { Module } from '@nestjs/common';

/**
 * The per-server request log and the admin audit trail live here. The servers' `logRequests` switch
 * is already stored; recording arrives with the request-log issue.
 */
@Module({})
export class AuditLogModule {}
