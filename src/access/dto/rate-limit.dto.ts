import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_RATE_LIMIT, RATE_LIMIT_BOUNDS } from '../access-settings';

const { requestsPerSecond: RPS, burst: BURST } = RATE_LIMIT_BOUNDS;

export class RateLimitDto {
  @ApiPropertyOptional({
    default: DEFAULT_RATE_LIMIT.requestsPerSecond,
    minimum: RPS.min,
    maximum: RPS.max,
    description: 'Sustained requests per second, per credential (Entra needs at least 25)',
  })
  @IsOptional()
  @Max(RPS.max)
  @Min(RPS.min)
  @IsInt()
  requestsPerSecond?: number;

  @ApiPropertyOptional({
    default: DEFAULT_RATE_LIMIT.burst,
    minimum: BURST.min,
    maximum: BURST.max,
    description: 'Requests that may arrive at once after a quiet spell (the bucket size)',
  })
  @IsOptional()
  @Max(BURST.max)
  @Min(BURST.min)
  @IsInt()
  burst?: number;
}
