import { Module } from '@nestjs/common';
import { ScimApiModule } from '../scim-api/scim-api.module';
import { DiscoveryController } from './discovery.controller';
import { MeController } from './me.controller';

@Module({ imports: [ScimApiModule], controllers: [DiscoveryController, MeController] })
export class DiscoveryModule {}
