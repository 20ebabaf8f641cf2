import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { AdminController } from '../../admin/admin-endpoint.decorator';
import { CursorPageDto } from '../dto/log-query.dto';
import { AuditPage, AuditTrail } from './audit-trail.service';

export class AuditQueryDto extends CursorPageDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serverId?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

@AdminController('audit', 'audit trail')
export class AdminAuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @ApiOperation({
    summary: 'Administrative changes, newest first, cursor-paged: who, what (before/after, no secrets), when',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        entries: { type: 'array', items: { type: 'object' } },
        nextCursor: { type: 'string', nullable: true },
      },
    },
  })
  async list(@Query() query: AuditQueryDto): Promise<AuditPage> {
    const filter = {
      serverId: query.serverId?.toLowerCase(),
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    };
    return this.trail.list(filter, query.cursor, query.limit ?? 50);
  }
}
