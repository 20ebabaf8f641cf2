import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccessModule } from '../access/access.module';
import { OAuthModule } from '../oauth/oauth.module';
import { ServersModule } from '../servers/servers.module';
import { DigestAuthenticator } from './digest/digest-authenticator';
import { DigestNonces } from './digest/digest-nonces';
import { ScimAuthGuard } from './guards/scim-auth.guard';
import { ScimBasicGuard } from './guards/scim-basic.guard';
import { ScimBearerGuard } from './guards/scim-bearer.guard';
import { ScimDigestGuard } from './guards/scim-digest.guard';
import { ScimOAuthGuard } from './guards/scim-oauth.guard';
import { ScimSelfTestGuard } from './guards/scim-self-test.guard';
import { ScimBasicStrategy } from './strategies/scim-basic.strategy';
import { ScimBearerStrategy } from './strategies/scim-bearer.strategy';
import { ScimDigestStrategy } from './strategies/scim-digest.strategy';
import { ScimOAuthStrategy } from './strategies/scim-oauth.strategy';

/** Authentication at the SCIM URLs: one Passport strategy (and guard) per security method. */
@Module({
  imports: [PassportModule, ServersModule, AccessModule, OAuthModule],
  providers: [
    ScimBasicStrategy,
    ScimBasicGuard,
    DigestNonces,
    DigestAuthenticator,
    ScimDigestStrategy,
    ScimDigestGuard,
    ScimBearerStrategy,
    ScimBearerGuard,
    ScimOAuthStrategy,
    ScimOAuthGuard,
    ScimSelfTestGuard,
    ScimAuthGuard,
  ],
  exports: [ScimAuthGuard, ScimBasicGuard, ScimDigestGuard, ScimBearerGuard, ScimOAuthGuard, ScimSelfTestGuard],
})
export class AuthModule {}
