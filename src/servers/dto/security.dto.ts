import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SECURITY_METHODS, SecurityMethod } from '../security-method';

export const DEFAULT_TOKEN_LIFETIME_DAYS = 3650;

/** The security method of a server and its non-secret settings. */
export class SecurityDto {
  @ApiProperty({ enum: SECURITY_METHODS, example: 'bearer' })
  @IsIn(SECURITY_METHODS, { message: `method must be one of: ${SECURITY_METHODS.join(', ')}` })
  method: SecurityMethod;

  @ApiPropertyOptional({ description: 'bearer: lifetime of issued tokens in days', default: DEFAULT_TOKEN_LIFETIME_DAYS, minimum: 1, maximum: 36500 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36500)
  tokenLifetimeDays?: number;
}
