import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { STATUS_FILTER, STATUS_FILTER_RULE } from '../log-filter-values';

/** Filters of the request log (list and export); all optional, combined with AND. */
export class LogFilterDto {
  @ApiPropertyOptional({
    example: '4xx',
    pattern: STATUS_FILTER.source,
    description: 'A status class (2xx, 4xx…) or an exact status code (404)',
  })
  @IsOptional()
  @IsString()
  @Matches(STATUS_FILTER, { message: `status must be ${STATUS_FILTER_RULE}` })
  status?: string;

  @ApiPropertyOptional({ example: 'PATCH' })
  @IsOptional()
  @IsString()
  @Length(1, 16)
  method?: string;

  @ApiPropertyOptional({
    example: 'User',
    description:
      'The SCIM resource type (User, Group) or endpoint (Users, Groups, Bulk, Schemas…), or token (the OAuth token endpoint); any case',
  })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  resourceType?: string;

  @ApiPropertyOptional({ description: 'Id of the resource the request was about' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  resourceId?: string;

  @ApiPropertyOptional({
    example: 'deactivate',
    description: 'Text contained in the derived action (case-insensitive)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  action?: string;

  @ApiPropertyOptional({ description: 'Text contained in the path, action or bodies (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** Cursor paging of the admin logs: `nextCursor` of the previous page, and a page size. */
export class CursorPageDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class LogListQueryDto extends IntersectionType(LogFilterDto, CursorPageDto) {}

export class DeleteLogsQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Delete the entries older than this time (required)' })
  @IsISO8601({ strict: true }, { message: 'before must be an ISO 8601 time, e.g. 2026-01-31T00:00:00Z' })
  before: string;
}
