import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AccessSettingsDto } from '../../access/dto/access-settings.dto';
import { ScimSettingsDto } from './scim-settings.dto';
import { SecurityDto } from './security.dto';

export const DEFAULT_LOG_RETENTION_DAYS = 30;

export const NAME_PATTERN = /^[^\p{Cc}]*$/u;

export class CreateServerDto {
  @ApiProperty({ example: 'Entra', maxLength: 200, description: 'Unique (case-insensitively) among identity servers' })
  // class-validator runs these bottom-up; with stopAtFirstError the first failure is the message.
  @Matches(NAME_PATTERN, { message: 'name must not contain control characters' })
  @Length(1, 200)
  @IsString()
  @IsDefined({ message: 'name is required' })
  name: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Serve this server at /scim/v2 as well (at most one is default)',
  })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;

  @ApiPropertyOptional({ default: true, description: 'An inactive server answers 403 to every SCIM request' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Keep a request log for this server' })
  @IsOptional()
  @IsBoolean()
  logRequests?: boolean;

  @ApiPropertyOptional({
    default: DEFAULT_LOG_RETENTION_DAYS,
    minimum: 1,
    maximum: 3650,
    description: 'Days the request log keeps entries',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  logRetentionDays?: number;

  @ApiPropertyOptional({ type: ScimSettingsDto, description: 'How this server answers SCIM requests' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScimSettingsDto)
  scim?: ScimSettingsDto;

  @ApiPropertyOptional({
    type: AccessSettingsDto,
    description: 'IP allowlist and rate limit; on PATCH, replaces the whole object',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AccessSettingsDto)
  access?: AccessSettingsDto;

  @ApiPropertyOptional({ type: SecurityDto, description: 'Defaults to {"method":"bearer"}' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SecurityDto)
  security?: SecurityDto;
}
