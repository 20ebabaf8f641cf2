import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-log/audit-trail/audit-trail.module';
import { SecretBox } from '../auth/secret-box';
import { SigningKeyLoader } from '../auth/signing-key/signing-key.loader';
import { TokenSigner } from '../auth/token-signer.service';
import { AdminCompatibilityController } from './admin-compatibility.controller';
import { AdminCredentialsController } from './admin-credentials.controller';
import { AdminServersController } from './admin-servers.controller';
import { CompatibilityCounters } from './compatibility-counters';
import { CredentialsRepository } from './credentials.repository';
import { CredentialsService } from './credentials.service';
import { ServerDirectory } from './server-directory';
import { ServerCountersRepository } from './server-counters.repository';
import { ServersRepository } from './servers.repository';
import { ServersService } from './servers.service';

@Module({
  imports: [AuditTrailModule],
  controllers: [AdminServersController, AdminCredentialsController, AdminCompatibilityController],
  providers: [
    ServersRepository,
    ServerCountersRepository,
    CompatibilityCounters,
    CredentialsRepository,
    CredentialsService,
    ServersService,
    SigningKeyLoader,
    TokenSigner,
    SecretBox,
    ServerDirectory,
  ],
  exports: [
    ServersRepository,
    ServerCountersRepository,
    CompatibilityCounters,
    CredentialsRepository,
    CredentialsService,
    ServersService,
    ServerDirectory,
    TokenSigner,
  ],
})
export class ServersModule {}
