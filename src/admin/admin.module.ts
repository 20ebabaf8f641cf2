import { Global, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccessModule } from '../access/access.module';
import { AuditTrailModule } from '../audit-log/audit-trail/audit-trail.module';
import { AdminBearerStrategy } from './admin-bearer.strategy';
import { AdminTokenService } from './admin-token.service';
import { AdminGuard } from './admin.guard';

@Global()
@Module({
  imports: [PassportModule, AuditTrailModule, AccessModule],
  providers: [AdminTokenService, AdminBearerStrategy, AdminGuard],
  exports: [AdminTokenService, AdminGuard],
})
export class AdminModule {}
