import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  isURL,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { cspOriginOf } from '../../common/csp';
import { SECURITY_METHODS, SecurityMethod } from '../security-method';

export const DEFAULT_TOKEN_LIFETIME_DAYS = 3650;
export const DEFAULT_USERNAME = 'scimd';
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600;
const HTTP_URL = { require_tld: false, require_protocol: true, protocols: ['https', 'http'] };

/**
 * An http(s) URL whose origin a Content-Security-Policy can name: the approval page lets its form lead
 * there (form-action), and browsers ignore an IPv6 literal in that list, so an approval would be
 * blocked. Other malformed URLs are left to IsUrl's message.
 */
function IsCspNameableUrl(options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCspNameableUrl',
      validator: {
        validate: (value) => typeof value !== 'string' || !isURL(value, HTTP_URL) || cspOriginOf(value) !== undefined,
      },
    },
    options,
  );
}

/** Printable, without a colon (RFC 7617: a Basic user-id cannot hold one), a double quote or a backslash (Digest quotes it). */
const USERNAME_PATTERN = /^[^\p{Cc}:"\\]+$/u;

/** oauth2: the workload whose signed assertions (RFC 7523 private_key_jwt) authenticate the client. */
export class ClientAssertionDto {
  @ApiProperty({
    description: 'Expected iss of the assertion',
    example: 'https://login.microsoftonline.com/<tenant>/v2.0',
  })
  @Length(1, 500)
  @IsString()
  issuer: string;

  @ApiProperty({ description: 'Expected sub of the assertion (e.g. the Entra app or managed identity object id)' })
  @Length(1, 500)
  @IsString()
  subject: string;

  @ApiProperty({
    description: 'Where the signing keys are published (JWKS)',
    example: 'https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys',
  })
  @IsUrl(HTTP_URL, { message: 'jwksUrl must be an http(s) URL' })
  jwksUrl: string;

  @ApiPropertyOptional({ description: 'Expected aud; the token endpoint URL when left out' })
  @IsOptional()
  @Length(1, 500)
  @IsString()
  audience?: string;
}

/**
 * The security method of a server and its settings. `password` is the one secret: it goes into the
 * first credential (hashed) and is never kept in the settings.
 */
export class SecurityDto {
  @ApiProperty({ enum: SECURITY_METHODS, example: 'bearer' })
  @IsIn(SECURITY_METHODS, { message: `method must be one of: ${SECURITY_METHODS.join(', ')}` })
  method: SecurityMethod;

  @ApiPropertyOptional({
    description: 'bearer: lifetime of issued tokens in days',
    default: DEFAULT_TOKEN_LIFETIME_DAYS,
    minimum: 1,
    maximum: 36500,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36500)
  tokenLifetimeDays?: number;

  @ApiPropertyOptional({
    description: 'basic, digest: the username the IdP sends',
    default: 'scimd',
    example: 'entra',
    maxLength: 200,
  })
  @IsOptional()
  @Matches(USERNAME_PATTERN, { message: 'username must be printable characters without ":"' })
  @Length(1, 200)
  @IsString()
  username?: string;

  @ApiPropertyOptional({
    description:
      'basic, digest: the password (at least 12 characters); generated when left out. Shown once, never stored in clear.',
    minLength: 12,
    maxLength: 200,
    writeOnly: true,
  })
  @IsOptional()
  @Length(12, 200, { message: 'password must be 12 to 200 characters' })
  @IsString()
  password?: string;

  @ApiPropertyOptional({
    description: 'oauth2: redirect URIs the authorization-code flow may return to (exact match)',
    example: ['https://system-admin.okta.com/admin/app/cpc/scim/oauth/callback'],
  })
  @IsOptional()
  @IsCspNameableUrl({
    each: true,
    message:
      'redirectUris must each name their host by a DNS name or an IPv4 address: a browser cannot be sent back to an IPv6 literal from the approval page',
  })
  @IsUrl(HTTP_URL, { each: true, message: 'redirectUris must each be an http(s) URL' })
  @ArrayMaxSize(10)
  @IsArray()
  redirectUris?: string[];

  @ApiPropertyOptional({
    description: 'oauth2: lifetime of access tokens in seconds (1 to 6 hours)',
    default: DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
    minimum: 3600,
    maximum: 21600,
  })
  @IsOptional()
  @IsInt()
  @Min(3600)
  @Max(21600)
  accessTokenTtlSeconds?: number;

  @ApiPropertyOptional({
    description: 'oauth2: days until an issued client secret expires (none when left out)',
    minimum: 1,
    maximum: 3650,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  secretLifetimeDays?: number;

  @ApiPropertyOptional({
    type: ClientAssertionDto,
    description: 'oauth2: also accept client assertions (private_key_jwt) from this workload',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClientAssertionDto)
  clientAssertion?: ClientAssertionDto;
}
