import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-log/audit-trail/audit-trail.module';
import { SecretBox } from '../auth/secret-box';
import { TokenSigner } from '../auth/token-signer.service';
import { AdminCredentialsController } from './admin-credentials.controller';
import { AdminServersController } from './admin-servers.controller';
import { CredentialsRepository } from './credentials.repository';
import { CredentialsService } from './credentials.service';
import { ServerDirectory } from './server-directory';
import { ServerCountersRepository } from './server-counters.repository';
import { ServersRepository } from './servers.repository';
import { ServersService } from './servers.service';

@Module({
  imports: [AuditTrailModule],
  controllers: [AdminServersController, AdminCredentialsController],
  providers: [ServersRepository, ServerCountersRepository, CredentialsRepository, CredentialsService, ServersService, TokenSigner, SecretBox, ServerDirectory],
  exports: [ServersRepository, ServerCountersRepository, CredentialsRepository, CredentialsService, ServersService, ServerDirectory, TokenSigner],
})
export class ServersModule {}
