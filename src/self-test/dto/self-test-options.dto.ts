import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_STEP_TIMEOUT_MS = 10_000;

/** The optional body of POST /admin/servers/:id/self-test. */
export class SelfTestOptionsDto {
  @ApiPropertyOptional({
    default: DEFAULT_STEP_TIMEOUT_MS,
    minimum: 100,
    maximum: 60_000,
    description: 'How long each request may take before the step fails',
  })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  stepTimeoutMs?: number;
}
