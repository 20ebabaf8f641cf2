import { Module } from '@nestjs/common';
import { RoleMappingModule } from '../role-mapping/role-mapping.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { ScimApiModule } from '../scim-api/scim-api.module';
import { UsersModule } from '../users/users.module';
import { GroupMembersService } from './group-members.service';
import { GroupsController } from './groups.controller';
import { GroupsRepository } from './groups.repository';
import { GroupsService } from './groups.service';

@Module({
  imports: [ScimApiModule, RoleMappingModule, UsersModule, MembershipsModule],
  controllers: [GroupsController],
  providers: [GroupsRepository, GroupsService, GroupMembersService],
  exports: [GroupsService],
})
export class GroupsModule {}
