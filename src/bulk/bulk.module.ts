import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module';
import { ScimApiModule } from '../scim-api/scim-api.module';
import { UsersModule } from '../users/users.module';
import { BulkController } from './bulk.controller';
import { BulkService } from './bulk.service';

@Module({
  imports: [ScimApiModule, UsersModule, GroupsModule],
  controllers: [BulkController],
  providers: [BulkService],
})
export class BulkModule {}
