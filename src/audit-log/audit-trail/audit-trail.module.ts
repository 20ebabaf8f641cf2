import { Module } from '@nestjs/common';
import { AuditTrail } from './audit-trail.service';

/** The audit trail's writer, imported by the modules whose changes it records (no imports of its own). */
@Module({
  providers: [AuditTrail],
  exports: [AuditTrail],
})
export class AuditTrailModule {}
