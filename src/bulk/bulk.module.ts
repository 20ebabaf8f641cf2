import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module';
import { ScimHttpModule } from '../scim-http/scim-http.module';
import { UsersModule } from '../users/users.module';
import { BulkController } from './bulk.controller';
import { BulkService } from './bulk.service';

@Module({
  imports: [ScimHttpModule, UsersModule, GroupsModule],
  controllers: [BulkController],
  providers: [BulkService],
})
export class BulkModule {}
