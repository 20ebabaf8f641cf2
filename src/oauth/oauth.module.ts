import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { ServersModule } from '../servers/servers.module';
import { ClientAssertions } from './client-assertion';
import { OAuthAccess } from './oauth-access.service';
import { OAuthController } from './oauth.controller';
import { OAuthStore } from './oauth-store';

/** The per-server OAuth 2.0 authorization servers, and the check of their access tokens at the SCIM URLs. */
@Module({
  imports: [ServersModule, AdminModule],
  controllers: [OAuthController],
  providers: [OAuthStore, OAuthAccess, ClientAssertions],
  exports: [OAuthAccess],
})
export class OAuthModule {}
