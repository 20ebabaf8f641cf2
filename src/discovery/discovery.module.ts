import { Module } from '@nestjs/common';
import { ScimHttpModule } from '../scim-http/scim-http.module';
import { DiscoveryController } from './discovery.controller';
import { MeController } from './me.controller';

@Module({ imports: [ScimHttpModule], controllers: [DiscoveryController, MeController] })
export class DiscoveryModule {}
