import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

/** Filters of the request log (list and export); all optional, combined with AND. */
export class LogFilterDto {
  @ApiPropertyOptional({ enum: STATUS_CLASSES, description: 'Status class' })
  @IsOptional()
  @IsIn(STATUS_CLASSES)
  status?: (typeof STATUS_CLASSES)[number];

  @ApiPropertyOptional({ example: 'PATCH' })
  @IsOptional()
  @IsString()
  @Length(1, 16)
  method?: string;

  @ApiPropertyOptional({ example: 'Users', description: 'The SCIM endpoint: Users, Groups, Bulk…' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  resourceType?: string;

  @ApiPropertyOptional({ description: 'Id of the resource the request was about' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  resourceId?: string;

  @ApiPropertyOptional({ example: 'deactivate', description: 'Text contained in the derived action (case-insensitive)' })
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
