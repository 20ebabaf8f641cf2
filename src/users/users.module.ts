import { Module } from '@nestjs/common';
import { RoleMappingModule } from '../role-mapping/role-mapping.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { ScimApiModule } from '../scim-api/scim-api.module';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [ScimApiModule, RoleMappingModule, MembershipsModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService],
  exports: [UsersRepository, UsersService],
})
export class UsersModule {}
