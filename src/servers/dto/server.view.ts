import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AccessSettingsDto } from '../../access/dto/access-settings.dto';
import { SECURITY_METHODS, SecurityMethod } from '../security-method';
import { ScimSettingsDto } from './scim-settings.dto';

export class SecurityView {
  @ApiProperty({ enum: SECURITY_METHODS })
  method: SecurityMethod;

  @ApiPropertyOptional()
  tokenLifetimeDays?: number;

  @ApiPropertyOptional({ description: 'basic, digest' })
  username?: string;
}

/** A credential's secret, shown once: in the response that created it. */
export class IssuedCredentialView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiPropertyOptional({ description: 'bearer: the token to paste into the IdP (shown only once)' })
  token?: string;

  @ApiPropertyOptional({ description: 'basic, digest: the username to give the IdP' })
  username?: string;

  @ApiPropertyOptional({ description: 'basic, digest: the password to give the IdP (shown only once)' })
  password?: string;

  @ApiPropertyOptional({ description: 'oauth2: the client id (the identity server id)' })
  clientId?: string;

  @ApiPropertyOptional({ description: 'oauth2: the client secret (shown only once)' })
  clientSecret?: string;

  @ApiPropertyOptional({ description: 'oauth2: the token endpoint' })
  tokenUrl?: string;

  @ApiPropertyOptional({ description: 'oauth2: the authorization endpoint (authorization-code flow)' })
  authorizationUrl?: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: string | null;
}

export class CredentialView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: SECURITY_METHODS })
  method: SecurityMethod;

  @ApiPropertyOptional({ description: 'basic, digest: the username' })
  username?: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: string | null;
}

export class ServerView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  isDefault: boolean;

  @ApiProperty()
  active: boolean;

  @ApiProperty()
  logRequests: boolean;

  @ApiProperty({ description: 'Days the request log keeps entries' })
  logRetentionDays: number;

  @ApiProperty({ type: SecurityView })
  security: SecurityView;

  @ApiProperty({ type: ScimSettingsDto })
  scim: ScimSettingsDto;

  @ApiProperty({ type: AccessSettingsDto, description: 'IP allowlist and rate limit, defaults filled in' })
  access: AccessSettingsDto;

  @ApiProperty({ description: 'The Tenant URL / SCIM connector base URL to paste into the IdP' })
  scimUrl: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'What the administrator should know, e.g. that the none method lets anyone provision',
  })
  warnings?: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class CreatedServerView extends ServerView {
  @ApiProperty({ type: IssuedCredentialView, nullable: true, description: 'null for the none method' })
  credentials: IssuedCredentialView | null;
}
