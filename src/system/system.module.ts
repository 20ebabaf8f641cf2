import { Global, Module } from '@nestjs/common';
import { SystemSecretsRepository } from './system-secrets.repository';

@Global()
@Module({ providers: [SystemSecretsRepository], exports: [SystemSecretsRepository] })
export class SystemModule {}
