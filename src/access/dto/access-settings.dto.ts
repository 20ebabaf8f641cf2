import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { IsIpRangeList } from './is-ip-range-list';
import { RateLimitDto } from './rate-limit.dto';

export const MAX_ALLOWLIST_ENTRIES = 1000;

/** Who may call a server's SCIM URL and how fast. Given on PATCH, it replaces the whole object. */
export class AccessSettingsDto {
  @ApiPropertyOptional({
    type: [String],
    example: ['192.0.2.0/24', '2001:db8::/32', '203.0.113.7'],
    maxItems: MAX_ALLOWLIST_ENTRIES,
    description:
      'IPv4/IPv6 addresses and CIDRs allowed to call the SCIM URL (others get 403); empty or absent: everyone',
  })
  @IsOptional()
  @IsIpRangeList()
  @ArrayMaxSize(MAX_ALLOWLIST_ENTRIES)
  @IsArray()
  allowlist?: string[];

  @ApiPropertyOptional({
    type: RateLimitDto,
    description: 'Token bucket per credential (per server for the none method); over it: 429 with Retry-After',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RateLimitDto)
  rateLimit?: RateLimitDto;
}
