import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ServersModule } from '../servers/servers.module';
import { ScimAuthGuard } from './guards/scim-auth.guard';
import { ScimBearerGuard } from './guards/scim-bearer.guard';
import { ScimBearerStrategy } from './strategies/scim-bearer.strategy';

/** Authentication at the SCIM URLs: one Passport strategy (and guard) per security method. */
@Module({
  imports: [PassportModule, ServersModule],
  providers: [ScimBearerStrategy, ScimBearerGuard, ScimAuthGuard],
  exports: [ScimAuthGuard, ScimBearerGuard],
})
export class AuthModule {}
