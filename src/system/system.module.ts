import { Global, Module } from '@nestjs/common';
import { RecordedPublicUrl } from './recorded-public-url';
import { SystemSecretsRepository } from './system-secrets.repository';

@Global()
@Module({
  providers: [SystemSecretsRepository, RecordedPublicUrl],
  exports: [SystemSecretsRepository, RecordedPublicUrl],
})
export class SystemModule {}
