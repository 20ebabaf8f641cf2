import { Module } from '@nestjs/common';
import { CustomAttributesModule } from '../custom-attributes/custom-attributes.module';
import { RoleMappingModule } from '../role-mapping/role-mapping.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { ScimApiModule } from '../scim-api/scim-api.module';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [ScimApiModule, CustomAttributesModule, RoleMappingModule, MembershipsModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService],
  exports: [UsersRepository, UsersService],
})
export class UsersModule {}
